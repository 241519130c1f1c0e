using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Registry;

namespace Platform.BuildingBlocks.Tests.Migrations;

public sealed class MigrationScriptTests
{
    [Fact]
    public void Batches_split_on_GO_lines_in_any_case_and_with_surrounding_blanks()
    {
        var script = new MigrationScript("m", 1, "n", "CREATE TABLE a (id INT);\nGO\nCREATE TABLE b (id INT);\r\n  go  \r\nCREATE TRIGGER t ON b AFTER INSERT AS BEGIN SELECT 1; END;\nGo");

        Assert.Equal(
            ["CREATE TABLE a (id INT);", "CREATE TABLE b (id INT);", "CREATE TRIGGER t ON b AFTER INSERT AS BEGIN SELECT 1; END;"],
            script.Batches());
    }

    [Fact]
    public void GO_inside_a_line_or_a_word_does_not_split()
    {
        var sql = "INSERT INTO goals (name) VALUES ('GO');\nSELECT category FROM goals -- GO\nWHERE ago = 1;";

        Assert.Equal([sql], new MigrationScript("m", 1, "n", sql).Batches());
    }

    [Fact]
    public void Empty_batches_are_dropped()
    {
        var script = new MigrationScript("m", 1, "n", "GO\n\nGO\nSELECT 1;\nGO\n   \nGO\n");

        Assert.Equal(["SELECT 1;"], script.Batches());
    }

    [Fact]
    public void Script_without_GO_is_one_batch()
    {
        var sql = "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);";

        Assert.Equal([sql], new MigrationScript("m", 1, "n", sql).Batches());
    }

    [Fact]
    public void Sql_server_platform_script_puts_the_trigger_alone_in_its_last_batch()
    {
        var script = MigrationScript.Load(typeof(MigrationRunner).Assembly, "platform", SqlDialect.SqlServer).Single(s => s.Version == 1);

        var batches = script.Batches().ToList();

        Assert.Equal(2, batches.Count);
        Assert.StartsWith("CREATE TRIGGER", batches[1], StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TRIGGER", batches[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqlserver")]
    public void Platform_and_registry_scripts_are_found_for_each_dialect_with_version_and_name_from_the_file_name(string dialectName)
    {
        var dialect = dialectName == "sqlite" ? SqlDialect.Sqlite : SqlDialect.SqlServer;

        var platform = MigrationScript.Load(typeof(MigrationRunner).Assembly, "platform", dialect);
        var registry = MigrationScript.Load(typeof(RegistryDatabase).Assembly, "registry", dialect);

        Assert.Equal(("platform", 1, "outbox_inbox_audit"), (platform[0].Module, platform[0].Version, platform[0].Name));
        Assert.Equal(("registry", 1, "registry"), (registry[0].Module, registry[0].Version, registry[0].Name));
        Assert.All(platform.Concat(registry), s => Assert.False(string.IsNullOrWhiteSpace(s.Sql)));
        Assert.Equal(platform.Select(s => s.Version).Distinct().Order(), platform.Select(s => s.Version));
    }

    [Fact]
    public void Each_platform_and_registry_script_exists_in_both_dialects()
    {
        foreach (var (assembly, module) in new[] { (typeof(MigrationRunner).Assembly, "platform"), (typeof(RegistryDatabase).Assembly, "registry") })
        {
            Assert.Equal(
                MigrationScript.Load(assembly, module, SqlDialect.Sqlite).Select(s => (s.Version, s.Name)),
                MigrationScript.Load(assembly, module, SqlDialect.SqlServer).Select(s => (s.Version, s.Name)));
        }
    }

    [Fact]
    public void Scripts_load_in_version_order_for_the_dialect_asked_for_only()
    {
        var assembly = new ResourceAssembly(new Dictionary<string, string>
        {
            ["Svc.Migrations.sqlite.010_later.sql"] = "SELECT 10;",
            ["Svc.Migrations.sqlite._002_prefixed.sql"] = "SELECT 2;",
            ["Svc.Migrations.sqlite.001_first.sql"] = "SELECT 1;",
            ["Svc.Migrations.sqlserver.003_other_dialect.sql"] = "SELECT 3;",
            ["Svc.Migrations.sqlite.README.md"] = "not a script",
            ["Svc.Resources.004_unrelated.sql"] = "SELECT 4;",
        });

        var scripts = MigrationScript.Load(assembly, "svc", SqlDialect.Sqlite);

        Assert.Equal([(1, "first"), (2, "prefixed"), (10, "later")], scripts.Select(s => (s.Version, s.Name)));
        Assert.All(scripts, s => Assert.Equal("svc", s.Module));
        Assert.Equal("SELECT 10;", scripts[2].Sql);
    }

    [Theory]
    [InlineData("Svc.Migrations.sqlite.first.sql")]
    [InlineData("Svc.Migrations.sqlite.001-first.sql")]
    [InlineData("Svc.Migrations.sqlite.001_.sql")]
    public void Script_not_named_NNN_name_is_refused(string resource)
    {
        var assembly = new ResourceAssembly(new Dictionary<string, string> { [resource] = "SELECT 1;" });

        var error = Assert.Throws<InvalidOperationException>(() => MigrationScript.Load(assembly, "svc", SqlDialect.Sqlite));

        Assert.Contains("NNN_name.sql", error.Message, StringComparison.Ordinal);
    }
}
