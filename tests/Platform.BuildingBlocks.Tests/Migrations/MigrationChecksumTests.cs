using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Registry;

namespace Platform.BuildingBlocks.Tests.Migrations;

/// <summary>
/// The journal keeps a checksum of every script it applied: an applied script edited since stops the
/// start-up with a message naming it, two scripts of one version stop it before anything runs, and
/// databases whose journal predates checksums adopt the scripts as shipped.
/// </summary>
public sealed class MigrationChecksumTests
{
    private static ResourceAssembly Service(string first, string? second = null)
    {
        var resources = new Dictionary<string, string> { ["Svc.Migrations.sqlite.001_first.sql"] = first };
        if (second is not null)
        {
            resources["Svc.Migrations.sqlite.002_second.sql"] = second;
        }
        return new ResourceAssembly(resources);
    }

    private static Task MigrateAsync(TempSqlite file, ResourceAssembly assembly) =>
        new MigrationRunner(file.Database, NullLogger<MigrationRunner>.Instance).ApplyAsync(assembly);

    [Fact]
    public async Task Every_applied_script_is_recorded_with_the_checksum_of_its_text()
    {
        await using var file = TempSqlite.Empty("Registry");

        await file.MigrateAsync(typeof(RegistryDatabase).Assembly);

        var expected = MigrationScript.Load(typeof(MigrationRunner).Assembly, MigrationRunner.PlatformModule, SqlDialect.Sqlite)
            .Concat(MigrationScript.Load(typeof(RegistryDatabase).Assembly, "registry", SqlDialect.Sqlite))
            .Select(s => (s.Module, (long)s.Version, s.Checksum)).OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Item2);
        var recorded = await file.QueryAsync<(string, long, string)>("SELECT module, version, checksum FROM schema_migrations ORDER BY module, version");
        Assert.Equal(expected, recorded);
        Assert.All(recorded, r => Assert.Matches("^[0-9a-f]{64}$", r.Item3));
    }

    [Fact]
    public async Task An_applied_script_edited_since_refuses_the_start_naming_the_script()
    {
        await using var file = TempSqlite.Empty("Svc");
        await MigrateAsync(file, Service("CREATE TABLE things (id TEXT NOT NULL);"));

        var error = await Assert.ThrowsAsync<MigrationChangedException>(() =>
            MigrateAsync(file, Service("CREATE TABLE things (id TEXT NOT NULL, extra TEXT);", "CREATE TABLE later (id TEXT);")));

        Assert.Contains("svc 001_first.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("new script", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'later'"));
    }

    [Fact]
    public async Task Line_endings_and_trailing_blanks_are_no_edit()
    {
        await using var file = TempSqlite.Empty("Svc");
        await MigrateAsync(file, Service("CREATE TABLE things (\n    id TEXT NOT NULL\n);\n"));

        await MigrateAsync(file, Service("CREATE TABLE things (  \r\n    id TEXT NOT NULL\r\n);\r\n\r\n"));

        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE module = 'svc'"));
    }

    [Fact]
    public async Task A_journal_from_before_checksums_adopts_the_scripts_as_shipped_then_guards_them()
    {
        await using var file = TempSqlite.Empty("Svc");
        await MigrateAsync(file, Service("CREATE TABLE things (id TEXT NOT NULL);"));
        // The journal as databases deployed before this version hold it: no checksum column.
        await file.ExecuteAsync("ALTER TABLE schema_migrations DROP COLUMN checksum");

        await MigrateAsync(file, Service("CREATE TABLE things (id TEXT NOT NULL);", "CREATE TABLE later (id TEXT);"));

        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL"));
        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'later'"));
        await Assert.ThrowsAsync<MigrationChangedException>(() =>
            MigrateAsync(file, Service("CREATE TABLE things (id TEXT);", "CREATE TABLE later (id TEXT);")));
    }

    [Fact]
    public async Task Two_scripts_with_one_version_refuse_the_start_before_anything_runs()
    {
        await using var file = TempSqlite.Empty("Svc");
        var assembly = new ResourceAssembly(new Dictionary<string, string>
        {
            ["Svc.Migrations.sqlite.006_outbox_parking.sql"] = "CREATE TABLE a (id TEXT);",
            ["Svc.Migrations.sqlite.006_unique_keys.sql"] = "CREATE TABLE b (id TEXT);",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateAsync(file, assembly));

        Assert.Contains("version 006 twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("006_outbox_parking.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("006_unique_keys.sql", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('a', 'b', 'schema_migrations')"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqlserver")]
    public void No_module_of_the_platform_holds_a_version_twice(string dialectName)
    {
        var dialect = dialectName == "sqlite" ? SqlDialect.Sqlite : SqlDialect.SqlServer;

        foreach (var assembly in Sql.CodeStatements.Assemblies)
        {
            var error = Record.Exception(() => MigrationScript.Load(assembly, assembly.GetName().Name!, dialect));

            Assert.Null(error);
        }
    }
}
