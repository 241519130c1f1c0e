using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
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
