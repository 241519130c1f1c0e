using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>
/// SQLite compares text as binary; SQL Server's default collation folds case, so the same agency
/// name or area code would match on one database and not the other (an involvement of
/// "Outreach-Bristol" granting access to "outreach-bristol", a unique key holding both on SQLite
/// only). Every SQL Server column holding an agency name or an area code, as the scripts leave it
/// after the last one, carries <see cref="SqlDialect.AgencyCollation"/>.
/// </summary>
public sealed partial class AgencyCollationTests
{
    public static TheoryData<string> AssemblyNames() => new(CodeStatements.Assemblies.Select(a => a.GetName().Name!));

    [Theory]
    [MemberData(nameof(AssemblyNames))]
    public void Every_agency_and_area_column_on_sql_server_is_binary(string assemblyName)
    {
        var columns = FinalColumns(assemblyName);

        var agencyLike = columns.Where(c => AgencyLike().IsMatch(c.Key.Column) && c.Value.IsText).ToList();
        var folding = agencyLike.Where(c => !string.Equals(c.Value.Collation, SqlDialect.AgencyCollation, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"{c.Key.Table}.{c.Key.Column} ({c.Value.Collation ?? "database default"})").ToList();

        Assert.NotEmpty(agencyLike);
        Assert.True(folding.Count == 0, $"Give these COLLATE {SqlDialect.AgencyCollation} in a new script:\n" + string.Join('\n', folding));
    }

    [Fact]
    public void The_check_follows_the_scripts_to_their_last_word_on_a_column()
    {
        var columns = Replay(
            [
                "CREATE TABLE dbo.a (id INT NOT NULL, agency NVARCHAR(100) NOT NULL, owner_agency NVARCHAR(100) NOT NULL, gone_agency NVARCHAR(10) NULL);",
                "ALTER TABLE dbo.a ALTER COLUMN agency NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;",
                "ALTER TABLE dbo.a ADD local_authority VARCHAR(9) COLLATE Latin1_General_100_BIN2 NULL; ALTER TABLE dbo.a DROP COLUMN gone_agency;",
                "CREATE TABLE dbo.b (agency NVARCHAR(10) NOT NULL); DROP TABLE dbo.b;",
            ]);

        Assert.Equal(["a.agency", "a.id", "a.local_authority", "a.owner_agency"], columns.Keys.Select(k => $"{k.Table}.{k.Column}").Order(StringComparer.Ordinal));
        Assert.Equal(SqlDialect.AgencyCollation, columns[("a", "agency")].Collation);
        Assert.Null(columns[("a", "owner_agency")].Collation);
        Assert.False(columns[("a", "id")].IsText);
    }

    [Theory]
    [MemberData(nameof(AssemblyNames))]
    public void No_sqlite_script_folds_case(string assemblyName)
    {
        var assembly = CodeStatements.Assemblies.Single(a => a.GetName().Name == assemblyName);

        Assert.All(MigrationScript.Load(assembly, "any", SqlDialect.Sqlite), script =>
            Assert.DoesNotContain("NOCASE", script.Sql, StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<(string Table, string Column), ColumnState> FinalColumns(string assemblyName)
    {
        var assembly = CodeStatements.Assemblies.Single(a => a.GetName().Name == assemblyName);
        // Each module's tables are its own: the platform's scripts (the first assembly) never touch a service's.
        return Replay(MigrationScript.Load(assembly, "any", SqlDialect.SqlServer).SelectMany(s => s.Batches()));
    }

    private static Dictionary<(string Table, string Column), ColumnState> Replay(IEnumerable<string> batches)
    {
        var columns = new Dictionary<(string Table, string Column), ColumnState>();
        foreach (var batch in batches)
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StringReader(batch);
            var fragment = parser.Parse(reader, out var errors);
            Assert.Empty(errors);
            fragment.Accept(new ColumnReplay(columns));
        }
        return columns;
    }

    public sealed record ColumnState(bool IsText, string? Collation);

    private sealed class ColumnReplay(Dictionary<(string Table, string Column), ColumnState> columns) : TSqlFragmentVisitor
    {
        public override void ExplicitVisit(CreateTableStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                columns[(Table(node.SchemaObjectName), column.ColumnIdentifier.Value)] = State(column.DataType, column.Collation);
            }
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                columns[(Table(node.SchemaObjectName), column.ColumnIdentifier.Value)] = State(column.DataType, column.Collation);
            }
        }

        public override void ExplicitVisit(AlterTableAlterColumnStatement node)
        {
            if (node.DataType is not null)
            {
                columns[(Table(node.SchemaObjectName), node.ColumnIdentifier.Value)] = State(node.DataType, node.Collation);
            }
        }

        public override void ExplicitVisit(AlterTableDropTableElementStatement node)
        {
            foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            {
                columns.Remove((Table(node.SchemaObjectName), element.Name.Value));
            }
        }

        public override void ExplicitVisit(DropTableStatement node)
        {
            foreach (var table in node.Objects.Select(Table))
            {
                foreach (var key in columns.Keys.Where(k => k.Table == table).ToList())
                {
                    columns.Remove(key);
                }
            }
        }

        private static string Table(SchemaObjectName name) => name.BaseIdentifier.Value;

        private static ColumnState State(DataTypeReference type, Identifier? collation) => new(
            type is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.VarChar or SqlDataTypeOption.NVarChar or SqlDataTypeOption.Char or SqlDataTypeOption.NChar },
            collation?.Value);
    }

    /// <summary>agency, owner_agency, recorded_by_agency…; local_authority, to_local_authority…; current_area.</summary>
    [GeneratedRegex(@"(^|_)(agency|local_authority|area)$")]
    private static partial Regex AgencyLike();
}
