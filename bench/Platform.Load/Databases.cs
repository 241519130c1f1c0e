using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Platform.Load;

/// <summary>What the services' SQLite files say, read-only beside the running services: outbox backlogs and access projections.</summary>
public static class Databases
{
    public static long UnsentEvents(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>How long the outbox takes to send what is left in it, or null if it has not within <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan?> DrainAsync(string database, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (UnsentEvents(database) > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                return null;
            }
            await Task.Delay(20);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Watches a service's access projection and notes when each person first appears in it, by
    /// following new rows (rowid order) every few milliseconds until <paramref name="stop"/>.
    /// </summary>
    public static async Task WatchProjectionAsync(string database, ConcurrentDictionary<string, long> seen, CancellationToken stop)
    {
        using var connection = Open(database);
        long last = 0;
        while (!stop.IsCancellationRequested)
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT rowid, person_id FROM access_persons WHERE rowid > $last ORDER BY rowid";
                command.Parameters.AddWithValue("$last", last);
                using var reader = command.ExecuteReader();
                var now = Stopwatch.GetTimestamp();
                while (reader.Read())
                {
                    last = reader.GetInt64(0);
                    seen.TryAdd(reader.GetString(1), now);
                }
            }
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>
    /// The bytes each table (with the indexes its constraints make) and each index of a database file
    /// takes, largest first. The SQLite library the services use has no <c>dbstat</c>, so each table
    /// is copied into an empty file of its own and measured in pages as it grows, then each index
    /// made on it: the figures are those of freshly written pages, without the free space of the original.
    /// </summary>
    public static IReadOnlyList<(string Name, long Bytes)> TableSizes(string database)
    {
        var sizes = new List<(string, long)>();
        List<(string Name, string Sql)> tables;
        using (var source = Open(database))
        {
            tables = Schema(source, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        }
        foreach (var (table, createTable) in tables)
        {
            var copy = Path.Combine(Path.GetTempPath(), $"table-size-{Guid.NewGuid():N}.db");
            try
            {
                using var target = new SqliteConnection($"Data Source={copy};Pooling=False;Foreign Keys=False");
                target.Open();
                Execute(target, $"ATTACH DATABASE '{database.Replace("'", "''", StringComparison.Ordinal)}' AS source");
                Execute(target, createTable);
                Execute(target, $"INSERT INTO main.\"{table}\" SELECT * FROM source.\"{table}\"");
                var before = Bytes(target);
                sizes.Add((table, before));
                foreach (var (index, createIndex) in Schema(target, $"SELECT name, sql FROM source.sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL"))
                {
                    Execute(target, createIndex);
                    var after = Bytes(target);
                    sizes.Add((index, after - before));
                    before = after;
                }
            }
            finally
            {
                File.Delete(copy);
            }
        }
        return [.. sizes.OrderByDescending(size => size.Item2)];
    }

    private static List<(string Name, string Sql)> Schema(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }

    private static long Bytes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
