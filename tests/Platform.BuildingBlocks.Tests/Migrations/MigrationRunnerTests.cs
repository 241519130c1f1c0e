using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Registry;

namespace Platform.BuildingBlocks.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    private sealed class Applied
    {
        public string Module { get; set; } = "";
        public long Version { get; set; }
        public string Name { get; set; } = "";
        public string AppliedAt { get; set; } = "";
    }

    private const string SelectApplied = "SELECT module, version, name, applied_at FROM schema_migrations ORDER BY module, version";

    /// <summary>What the runner should record: every platform script, then the service's, each as (module, version, name).</summary>
    private static List<(string Module, int Version, string Name)> Expected(string? module, System.Reflection.Assembly? assembly)
    {
        var scripts = MigrationScript.Load(typeof(MigrationRunner).Assembly, MigrationRunner.PlatformModule, SqlDialect.Sqlite).AsEnumerable();
        if (module is not null && assembly is not null)
        {
            scripts = scripts.Concat(MigrationScript.Load(assembly, module, SqlDialect.Sqlite));
        }
        return scripts.Select(s => (s.Module, s.Version, s.Name)).OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Version).ToList();
    }

    [Fact]
    public async Task Applies_the_platform_scripts_and_the_service_scripts_and_records_each_once()
    {
        await using var file = TempSqlite.Empty("Registry");

        await file.MigrateAsync(typeof(RegistryDatabase).Assembly);

        var applied = await file.QueryAsync<Applied>(SelectApplied);
        Assert.Equal(Expected("registry", typeof(RegistryDatabase).Assembly), applied.Select(a => (a.Module, (int)a.Version, a.Name)));
        Assert.Contains(("platform", 1, "outbox_inbox_audit"), applied.Select(a => (a.Module, (int)a.Version, a.Name)));
        Assert.Contains(("registry", 1, "registry"), applied.Select(a => (a.Module, (int)a.Version, a.Name)));
        Assert.All(applied, a => Assert.False(string.IsNullOrEmpty(a.AppliedAt)));
        foreach (var table in new[] { "outbox_messages", "inbox_messages", "audit_log", "persons", "name_keys", "addresses" })
        {
            Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }));
        }
    }

    [Fact]
    public async Task Service_without_scripts_gets_only_the_platform_tables()
    {
        await using var file = await TempSqlite.MigratedAsync();

        var applied = await file.QueryAsync<Applied>(SelectApplied);

        Assert.Equal(Expected(null, null), applied.Select(a => (a.Module, (int)a.Version, a.Name)));
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'persons'"));
    }

    [Fact]
    public async Task Running_twice_applies_nothing_new()
    {
        await using var file = TempSqlite.Empty("Registry");
        await file.MigrateAsync(typeof(RegistryDatabase).Assembly);
        var first = await file.QueryAsync<Applied>(SelectApplied);
        await file.ExecuteAsync("INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at) VALUES ('m-1', 't', '{}', 'now')");

        await file.MigrateAsync(typeof(RegistryDatabase).Assembly);

        var second = await file.QueryAsync<Applied>(SelectApplied);
        Assert.Equal(first.Select(a => (a.Module, a.Version, a.AppliedAt)), second.Select(a => (a.Module, a.Version, a.AppliedAt)));
        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Two_runners_starting_together_apply_each_script_once()
    {
        await using var file = TempSqlite.Empty("Registry");

        await Task.WhenAll(
            Task.Run(() => file.MigrateAsync(typeof(RegistryDatabase).Assembly)),
            Task.Run(() => file.MigrateAsync(typeof(RegistryDatabase).Assembly)));

        Assert.Equal(Expected("registry", typeof(RegistryDatabase).Assembly).Count, (await file.QueryAsync<Applied>(SelectApplied)).Count);
    }

    [Fact]
    public async Task Script_that_fails_is_not_recorded_and_leaves_nothing_half_applied()
    {
        await using var file = TempSqlite.Empty("Broken");
        var broken = new ResourceAssembly(new Dictionary<string, string>
        {
            ["Broken.Migrations.sqlite.001_half.sql"] = "CREATE TABLE first_half (id INTEGER); CREATE TABLE oops (;",
        });

        await Assert.ThrowsAsync<SqliteException>(() =>
            new MigrationRunner(file.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance).ApplyAsync(broken));

        var applied = await file.QueryAsync<Applied>(SelectApplied);
        Assert.Equal(Expected(null, null), applied.Select(a => (a.Module, (int)a.Version, a.Name)));
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'first_half'"));
    }

    [Fact]
    public async Task Audit_log_accepts_inserts_but_refuses_update_and_delete()
    {
        await using var file = await TempSqlite.MigratedAsync();
        await using (var db = await file.Database.OpenAsync())
        {
            await AuditLog.WriteAsync(db, null, new AuditEntry(
                DateTimeOffset.UtcNow, "support@outreach", "support_worker", "outreach-bristol", "person.read", "p-1", "Involvement", null));
        }

        var update = await Assert.ThrowsAsync<SqliteException>(() => file.ExecuteAsync("UPDATE audit_log SET reason = 'covering tracks'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => file.ExecuteAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE reason IS NULL"));
    }
}
