using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Data;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>
/// Dapper's <c>IN @List</c> binds one parameter per item, and SQL Server refuses a statement with
/// more than 2,100: a list that grows with the data (a group of linked records, a 1,000-item import
/// batch) then fails there only. Lists go through <see cref="SqlDialect.InList"/>, one JSON parameter.
/// </summary>
public sealed partial class NoDapperListExpansionTests
{
    public static TheoryData<string> Sources() => new(CodeStatements.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Sources))]
    public void Statement_binds_no_list_with_Dapper_expansion(string source)
    {
        foreach (var dialect in new[] { SqlDialect.Sqlite, SqlDialect.SqlServer })
        {
            var sql = CodeStatements.All[source](dialect);

            Assert.False(DapperList().IsMatch(sql), $"{source} ({dialect}) binds a list with Dapper's IN @List: use SqlDialect.InList.\n{sql}");
        }
    }

    [Fact]
    public void No_source_file_in_the_repository_writes_IN_followed_by_a_parameter()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "services", "gateway", "bench", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || Path.GetFileName(file) == $"{nameof(NoDapperListExpansionTests)}.cs")
                {
                    continue;
                }
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && DapperList().IsMatch(lines[i]))
                    {
                        offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Use SqlDialect.InList instead of Dapper's IN @List:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("SELECT 1 FROM t WHERE a IN @Ids", true)]
    [InlineData("SELECT 1 FROM t WHERE a in (@Ids)", true)]
    [InlineData("SELECT 1 FROM t WHERE a IN(@Ids)", true)]
    [InlineData("SELECT 1 FROM t WHERE a IN (SELECT value FROM json_each(@Ids))", false)]
    [InlineData("SELECT 1 FROM t WHERE a = @Ins AND joined_in = @Other", false)]
    [InlineData("SELECT 1 FROM t WHERE a IN (@A, @B)", false)]
    public void The_check_recognises_Dapper_list_expansion(string sql, bool expanded)
    {
        Assert.Equal(expanded, DapperList().IsMatch(sql));
    }

    /// <summary><c>IN @X</c> or <c>IN (@X)</c>: a parameter alone where a list belongs.</summary>
    [GeneratedRegex(@"\bIN\s*(@\w+|\(\s*@\w+\s*\))", RegexOptions.IgnoreCase)]
    private static partial Regex DapperList();
}
