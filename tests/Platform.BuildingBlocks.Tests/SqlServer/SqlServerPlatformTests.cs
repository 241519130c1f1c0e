using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Security;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;
using Platform.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.SqlServer;

/// <summary>The migrations, the audit trail, the outbox and the inbox on a real SQL Server.</summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerPlatformTests(SqlServerContainer sql)
{
    [SkippableFact]
    public async Task Platform_and_registry_migrations_apply_once_on_sql_server()
    {
        sql.Require();
        var database = new TestDatabase(new DatabaseConnection("Registry", SqlDialect.SqlServer, await sql.CreateDatabaseAsync("migrations")));
        var runner = new MigrationRunner(database, NullLogger<MigrationRunner>.Instance);

        await runner.ApplyAsync(typeof(RegistryDatabase).Assembly);
        await runner.ApplyAsync(typeof(RegistryDatabase).Assembly);

        await using var db = await database.OpenAsync();
        var applied = (await db.QueryAsync<(string Module, int Version)>(
            "SELECT module, version FROM dbo.schema_migrations ORDER BY module, version")).ToList();
        var expected = MigrationScript.Load(typeof(MigrationRunner).Assembly, MigrationRunner.PlatformModule, SqlDialect.SqlServer)
            .Concat(MigrationScript.Load(typeof(RegistryDatabase).Assembly, "registry", SqlDialect.SqlServer))
            .Select(s => (s.Module, s.Version));
        Assert.Equal(expected, applied);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM sys.triggers WHERE name = 'audit_log_append_only'"));
    }

    [SkippableFact]
    public async Task Journal_from_before_checksums_is_adopted_and_an_edited_script_then_refused_on_sql_server()
    {
        sql.Require();
        var database = new TestDatabase(new DatabaseConnection("Svc", SqlDialect.SqlServer, await sql.CreateDatabaseAsync("checksums")));
        static ResourceAssembly Scripts(string first) => new(new Dictionary<string, string>
        {
            ["Svc.Migrations.sqlserver.001_first.sql"] = first,
        });
        var runner = new MigrationRunner(database, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(Scripts("CREATE TABLE dbo.things (id INT NOT NULL);"));
        await ExecuteAsync(database, "ALTER TABLE dbo.schema_migrations DROP COLUMN checksum");

        await runner.ApplyAsync(Scripts("CREATE TABLE dbo.things (id INT NOT NULL);"));
        var error = await Assert.ThrowsAsync<MigrationChangedException>(() => runner.ApplyAsync(Scripts("CREATE TABLE dbo.things (id BIGINT NOT NULL);")));

        Assert.Equal(0, (await QueryAsync<int>(database, "SELECT COUNT(*) FROM dbo.schema_migrations WHERE checksum IS NULL")).Single());
        Assert.Contains("svc 001_first.sql", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Replicas_migrating_together_on_sql_server_apply_each_script_once()
    {
        sql.Require();
        var connectionString = await sql.CreateDatabaseAsync("replicas");
        var replicas = Enumerable.Range(0, 3)
            .Select(_ => new TestDatabase(new DatabaseConnection("Registry", SqlDialect.SqlServer, connectionString)))
            .ToList();

        await Task.WhenAll(replicas.Select(replica => Task.Run(() =>
            new MigrationRunner(replica, NullLogger<MigrationRunner>.Instance).ApplyAsync(typeof(RegistryDatabase).Assembly))));

        var expected = MigrationScript.Load(typeof(MigrationRunner).Assembly, MigrationRunner.PlatformModule, SqlDialect.SqlServer).Count
            + MigrationScript.Load(typeof(RegistryDatabase).Assembly, "registry", SqlDialect.SqlServer).Count;
        Assert.Equal(expected, (await QueryAsync<int>(replicas[0], "SELECT COUNT(*) FROM dbo.schema_migrations")).Single());
    }

    [SkippableFact]
    public async Task Audit_log_refuses_update_and_delete_on_sql_server()
    {
        sql.Require();
        var database = await MigratedAsync("audit");
        await using var db = await database.OpenAsync();
        await AuditLog.WriteAsync(db, null, new AuditEntry(
            DateTimeOffset.UtcNow, "support@outreach", "support_worker", "outreach-bristol", "person.read", Guid.NewGuid().ToString(), "Involvement", null));

        var update = await Assert.ThrowsAsync<SqlException>(() => db.ExecuteAsync("UPDATE dbo.audit_log SET reason = 'covering tracks'"));
        var delete = await Assert.ThrowsAsync<SqlException>(() => db.ExecuteAsync("DELETE FROM dbo.audit_log"));

        Assert.Equal(50001, update.Number);
        Assert.Equal(50001, delete.Number);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM dbo.audit_log WHERE reason IS NULL"));
    }

    [SkippableFact]
    public async Task Outbox_publishes_in_order_and_the_inbox_applies_a_duplicate_once_on_sql_server()
    {
        sql.Require();
        var database = await MigratedAsync("outbox");
        await using (var db = await database.OpenAsync())
        {
            await db.ExecuteAsync(EffectProbe.CreateTableSqlServer);
        }
        await using var bus = await BusHost.StartAsync(database, (services, instance) => services.AddConsumer<PersonRegisteredEffect>(instance));
        var dispatcher = Dispatchers.ThroughBus(database, bus.Bus);
        string[] order = ["p-b", "p-a", "p-c"];
        foreach (var personId in order)
        {
            await database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, new PersonRegistered
            {
                PersonId = personId, RegisteredByAgency = "outreach-bristol", OccurredAt = DateTimeOffset.UtcNow,
            }));
        }

        var sent = await dispatcher.DispatchBatchAsync(CancellationToken.None);
        var messageIds = (await QueryAsync<string>(database, "SELECT message_id FROM dbo.outbox_messages ORDER BY seq")).Select(Guid.Parse).ToList();
        await Eventually.HoldsAsync(() => messageIds.All(id => bus.Consumed.Completed(id) == 1), "every event was consumed");
        await ExecuteAsync(database, "UPDATE dbo.outbox_messages SET sent_at = NULL WHERE message_id = @Id", new { Id = messageIds[0].ToString() });
        var resent = await dispatcher.DispatchBatchAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => bus.Consumed.Completed(messageIds[0]) == 2, "the duplicate was consumed");

        Assert.Equal(3, sent);
        Assert.Equal(1, resent);
        Assert.Equal(order, bus.Published.Of<PersonRegistered>().Take(3).Select(p => p.Message.PersonId));
        Assert.Equal(messageIds, bus.Published.Of<PersonRegistered>().Take(3).Select(p => p.MessageId!.Value));
        Assert.Equal(3, (await QueryAsync<int>(database, "SELECT COUNT(*) FROM dbo.consumer_effects")).Single());
        Assert.Equal(0, (await QueryAsync<int>(database, "SELECT COUNT(*) FROM dbo.outbox_messages WHERE sent_at IS NULL")).Single());
    }

    /// <summary>Before platform migration 007 the default collation folded case: the second row broke the primary key.</summary>
    [SkippableFact]
    public async Task Agency_names_differing_in_case_are_two_agencies_on_sql_server_as_on_sqlite()
    {
        sql.Require();
        var database = await MigratedAsync("collation");
        await ExecuteAsync(database, "INSERT INTO dbo.access_shares (person_id, agency) VALUES ('p-1', 'Outreach-Bristol'), ('p-1', 'outreach-bristol')");

        var matching = await QueryAsync<string>(database, "SELECT agency FROM dbo.access_shares WHERE agency = @Agency", new { Agency = "outreach-bristol" });

        Assert.Equal(["outreach-bristol"], matching);
    }

    /// <summary>Failed before lists became one JSON parameter: SQL Server refuses more than 2,100 parameters.</summary>
    [SkippableFact]
    public async Task Access_facts_of_an_import_batch_touching_3000_records_are_read_on_sql_server()
    {
        sql.Require();
        var database = await MigratedAsync("many");
        await ManyPeopleAccessFacts.SeedAsync(database);

        var facts = await ManyPeopleAccessFacts.ReadAsync(database);

        ManyPeopleAccessFacts.AssertEveryoneFound(facts);
    }

    [SkippableFact]
    public async Task Lists_of_5000_ids_numbers_and_agencies_compare_on_sql_server()
    {
        sql.Require();
        var database = await MigratedAsync("lists");
        await using var db = await database.OpenAsync();
        await db.ExecuteAsync(
            $"CREATE TABLE dbo.list_probe (id VARCHAR(36) NOT NULL PRIMARY KEY, n BIGINT NOT NULL, agency NVARCHAR(100) COLLATE {SqlDialect.AgencyCollation} NOT NULL)");
        var rows = Enumerable.Range(0, 6000).Select(i => new { Id = $"p-{i}", N = (long)i, Agency = $"Agency-{i}" }).ToList();
        await db.ExecuteAsync("INSERT INTO dbo.list_probe (id, n, agency) VALUES (@Id, @N, @Agency)", rows);
        var wanted = rows.Take(5000).ToList();
        var dialect = SqlDialect.SqlServer;

        var byId = await db.QueryAsync<string>($"SELECT id FROM dbo.list_probe WHERE id IN {dialect.InList("@Items")}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.Id)) });
        var byNumber = await db.QueryAsync<long>($"SELECT n FROM dbo.list_probe WHERE n IN {dialect.InList("@Items", ListItems.Numbers)}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.N)) });
        var byAgency = await db.QueryAsync<string>($"SELECT agency FROM dbo.list_probe WHERE agency IN {dialect.InList("@Items", ListItems.Agencies)}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.Agency.ToLowerInvariant()).Append("Agency-1")) });

        Assert.Equal(5000, byId.Count());
        Assert.Equal(5000, byNumber.Count());
        Assert.Equal(["Agency-1"], byAgency); // binary: "agency-2" is not "Agency-2"
    }

    private async Task<TestDatabase> MigratedAsync(string prefix)
    {
        var database = new TestDatabase(new DatabaseConnection("Test", SqlDialect.SqlServer, await sql.CreateDatabaseAsync(prefix)));
        await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).ApplyAsync(typeof(SqlServerPlatformTests).Assembly);
        return database;
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(TestDatabase database, string query, object? parameters = null)
    {
        await using var db = await database.OpenAsync();
        return (await db.QueryAsync<T>(query, parameters)).AsList();
    }

    private static async Task ExecuteAsync(TestDatabase database, string statement, object? parameters = null)
    {
        await using var db = await database.OpenAsync();
        await db.ExecuteAsync(statement, parameters);
    }
}
