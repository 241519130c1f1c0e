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

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
