using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Runs one INSERT for many rows with a single command whose parameters are created once and re-bound
/// row by row: on SQLite about 1.4 times the rate of Dapper's execute-per-row, which builds every
/// parameter again for every row. For the paths that write thousands of rows (a bulk import);
/// everything else uses Dapper. Each <c>@Name</c> in the statement is read from the row's property of
/// that name, and stored as Dapper stores it (<see cref="DapperTypeHandlers"/>).
/// </summary>
public static partial class BulkInsert
{
    private static readonly ConcurrentDictionary<(Type, string), Column[]> Columns = new();

    public static async Task<int> ExecuteAsync<T>(DbConnection db, DbTransaction tx, string sql, IEnumerable<T> rows)
    {
        var columns = Columns.GetOrAdd((typeof(T), sql), key => Read(key.Item1, key.Item2));
        await using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var parameters = columns.Select(column =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column.Name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var sqlite = db is SqliteConnection;
        var inserted = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i].Value = Stored(columns[i].Read(row!), sqlite);
            }
            inserted += await command.ExecuteNonQueryAsync();
        }
        return inserted;
    }

    private static object Stored(object? value, bool sqlite) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant when sqlite => DapperTypeHandlers.ToStoredText(instant),
        bool flag when sqlite => flag ? 1L : 0L,
        _ => value,
    };

    private static Column[] Read(Type type, string sql) =>
        [.. ParameterName().Matches(sql).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).Select(name =>
        {
            var property = type.GetProperty(name) ?? throw new InvalidOperationException($"{type.Name} has no property {name} for @{name}.");
            var row = Expression.Parameter(typeof(object));
            var read = Expression.Lambda<Func<object, object?>>(
                Expression.Convert(Expression.Property(Expression.Convert(row, type), property), typeof(object)), row).Compile();
            return new Column(name, read);
        })];

    private sealed record Column(string Name, Func<object, object?> Read);

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
