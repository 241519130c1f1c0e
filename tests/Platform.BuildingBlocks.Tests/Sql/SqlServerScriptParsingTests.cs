using System.Reflection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>Every embedded SQL Server migration script is valid T-SQL, batch by batch as the runner sends it.</summary>
public sealed partial class SqlServerScriptParsingTests
{
    private const string Marker = ".Migrations.sqlserver.";

    public static TheoryData<string> Scripts() => new(Resources());

    private static IEnumerable<string> Resources() =>
        CodeStatements.Assemblies
            .SelectMany(assembly => assembly.GetManifestResourceNames())
            .Where(name => name.Contains(Marker, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Migration_script_parses_as_TSql(string resource)
    {
        var script = Load(resource);

        var batches = script.Batches().ToList();

        Assert.NotEmpty(batches);
        foreach (var batch in batches)
        {
            var errors = TSql.Errors(batch);
            Assert.True(errors.Count == 0, $"{resource}:\n{TSql.Describe(errors, batch)}");
        }
    }

    [Fact]
    public void Every_assembly_embeds_SQL_Server_scripts()
    {
        var resources = Resources().ToList();

        foreach (var assembly in CodeStatements.Assemblies)
        {
            Assert.Contains(resources, r => r.StartsWith(assembly.GetName().Name + ".", StringComparison.Ordinal));
        }
    }

    public static TheoryData<string> AssemblyNames() => new(CodeStatements.Assemblies.Select(a => a.GetName().Name!));

    /// <summary>The two dialects' scripts describe the same tables: a column added to one only fails here.</summary>
    [Theory]
    [MemberData(nameof(AssemblyNames))]
    public void Sql_server_and_sqlite_migrations_name_the_same_columns(string assemblyName)
    {
        var assembly = CodeStatements.Assemblies.Single(a => a.GetName().Name == assemblyName);
        IEnumerable<string> Columns(SqlDialect dialect) => MigrationScript.Load(assembly, "any", dialect)
            .SelectMany(s => s.Batches()).SelectMany(b => ColumnLine().Matches(b)).Select(m => m.Groups[1].Value.Trim('[', ']'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Columns(SqlDialect.Sqlite), Columns(SqlDialect.SqlServer));
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line()
    {
        var errors = TSql.Errors("CREATE TABLE dbo.t (\n    id INT NOT NULL,\n    name NVARCHAR(10) NOT NULL,,\n);");

        Assert.Equal(3, Assert.Single(errors).Line);
    }

    private static MigrationScript Load(string resource)
    {
        var assembly = CodeStatements.Assemblies.Single(a => a.GetManifestResourceNames().Contains(resource));
        return MigrationScript.Load(assembly, "any", SqlDialect.SqlServer)
            .Single(s => resource.EndsWith($"{s.Version:000}_{s.Name}.sql", StringComparison.Ordinal));
    }

    /// <summary>A column definition inside CREATE TABLE: an indented name followed by its type.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s{4}(?!PRIMARY\b|CONSTRAINT\b)(\[?\w+\]?)\s+[A-Z]+", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex ColumnLine();
}
