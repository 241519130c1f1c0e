using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The open connections of one SQLite database, kept open between uses so that each keeps the
/// statements it has compiled (<see cref="PooledSqliteConnection"/>). Compiling SQL was the largest
/// single cost of a read (docs/benchmarks.md, "Where the time goes"), and SQLite can only reuse a
/// compiled statement on the connection that compiled it, so the connection must outlive the call.
/// At most <see cref="MaximumIdle"/> wait here; the rest close when returned, and those idle for
/// <see cref="IdleFor"/> close too, so a quiet database holds few files open and memory does not
/// follow the highest concurrency seen.
/// </summary>
internal sealed class SqlitePool : IDisposable
{
    private const int MaximumIdle = 8;
    private static readonly TimeSpan IdleFor = TimeSpan.FromSeconds(30);

    // Not SQLite's own pool underneath: a connection this pool lets go is closed, not kept twice.
    private readonly string _connectionString;
    private readonly ConcurrentStack<(PooledSqliteConnection Connection, long ReturnedAt)> _idle = new();
    private readonly ITimer _pruning;
    private volatile bool _disposed;

    public SqlitePool(string connectionString)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _pruning = TimeProvider.System.CreateTimer(_ => Prune(), null, IdleFor, IdleFor);
    }

    /// <summary>An open connection: one that waited here, or a new one (its set-up is the caller's).</summary>
    public async Task<PooledSqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryPop(out var idle))
        {
            return idle.Connection;
        }
        var connection = new PooledSqliteConnection(_connectionString, this);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    /// <summary>Keeps <paramref name="connection"/> for the next caller; false when it should close instead.</summary>
    public bool TryReturn(PooledSqliteConnection connection)
    {
        if (_disposed || _idle.Count >= MaximumIdle || !connection.ReadyForNextCaller())
        {
            return false;
        }
        _idle.Push((connection, Environment.TickCount64));
        return true;
    }

    /// <summary>Closes connections that have waited longer than <see cref="IdleFor"/>, or all of them once disposed.</summary>
    private void Prune()
    {
        var keep = new List<(PooledSqliteConnection, long)>();
        while (_idle.TryPop(out var idle))
        {
            if (!_disposed && Environment.TickCount64 - idle.ReturnedAt < IdleFor.TotalMilliseconds)
            {
                keep.Add(idle);
            }
            else
            {
                idle.Connection.Close();
            }
        }
        // Oldest first, so the most recently used are taken first again.
        for (var i = keep.Count - 1; i >= 0; i--)
        {
            _idle.Push(keep[i]);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _pruning.Dispose();
        Prune();
    }
}
