using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>
/// Checks T-SQL syntax without a server. The parser is the one for SQL Server 2022
/// (compatibility level 160), the version the containers and docker-compose run; the package also
/// has newer parsers, which would accept syntax that server rejects.
/// </summary>
public static partial class TSql
{
    public static IReadOnlyList<ParseError> Errors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return [.. errors];
    }

    /// <summary>Each error with its line, column and the offending line, followed by the whole text.</summary>
    public static string Describe(IReadOnlyList<ParseError> errors, string sql)
    {
        var lines = sql.Split('\n');
        var text = new StringBuilder();
        foreach (var error in errors)
        {
            var line = error.Line >= 1 && error.Line <= lines.Length ? lines[error.Line - 1].TrimEnd() : "";
            text.AppendLine($"line {error.Line}, column {error.Column}: {error.Message}")
                .AppendLine($"    {line}");
        }
        return text.AppendLine("--- statement ---").Append(sql).ToString();
    }
}
