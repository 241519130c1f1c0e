using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The open connections of one SQLite database, kept open between uses so that each keeps the
/// statements it has compiled (<see cref="PooledSqliteConnection"/>). Compiling SQL was the largest
/// single cost of a read (docs/benchmarks.md, "Where the time goes"), and SQLite can only reuse a
/// compiled statement on the connection that compiled it, so the connection must outlive the call.
/// Callers beyond <see cref="MaximumOpen"/> wait for a connection rather than open another: SQLite's
/// work is CPU, so more connections than a few per core add memory (a page cache each) and the cost of
/// opening one (reading the schema), not speed. The database's one writer keeps a connection of its
/// own outside that count, so that a reader waiting never holds up the commit it may be waiting for.
/// Connections idle for <see cref="IdleFor"/> close, so a quiet database holds few files open.
/// </summary>
internal sealed class SqlitePool : IDisposable
{
    internal static readonly int MaximumOpen = Math.Max(8, 2 * Environment.ProcessorCount);
    private static readonly TimeSpan IdleFor = TimeSpan.FromSeconds(30);

    /// <summary>Far longer than any call holds a connection: reaching it means a caller holds one while waiting for another.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    // Not SQLite's own pool underneath: a connection this pool lets go is closed, not kept twice.
    private readonly string _connectionString;
    private readonly string _setUp;
    private readonly ConcurrentStack<(PooledSqliteConnection Connection, long ReturnedAt)> _idle = new();
    private readonly SemaphoreSlim _slots = new(MaximumOpen, MaximumOpen);
    private readonly ITimer _pruning;
    private volatile bool _disposed;

    /// <param name="setUp">
    /// Run once when a connection opens, never again: setting a flag pragma (foreign_keys, query_only)
    /// expires every statement the connection has compiled, which would undo the point of keeping it.
    /// </param>
    public SqlitePool(string connectionString, string setUp)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _setUp = setUp;
        _pruning = TimeProvider.System.CreateTimer(_ => Prune(), null, IdleFor, IdleFor);
    }

    /// <summary>
    /// An open connection, set up: one that waited here, or a new one. A reader
    /// waits while <see cref="MaximumOpen"/> are out; the writer (<paramref name="counted"/> false) never does.
    /// </summary>
    public async Task<PooledSqliteConnection> RentAsync(bool counted, CancellationToken cancellationToken)
    {
        if (counted && !await _slots.WaitAsync(LongestWait, cancellationToken))
        {
            throw new InvalidOperationException(
                $"All {MaximumOpen} connections to the database have been in use for {LongestWait.TotalSeconds:0} s.");
        }
        try
        {
            var connection = _idle.TryPop(out var idle) ? idle.Connection : await OpenAsync(cancellationToken);
            connection.Rented(counted);
            return connection;
        }
        catch
        {
            if (counted)
            {
                _slots.Release();
            }
            throw;
        }
    }

    private async Task<PooledSqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new PooledSqliteConnection(_connectionString, this);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var setUp = connection.CreateCommand();
            setUp.CommandText = _setUp;
            await setUp.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    /// <summary>
    /// Takes back a connection its caller has finished with: kept for the next caller if it is fit to
    /// serve one; false when it should close instead.
    /// </summary>
    public bool Return(PooledSqliteConnection connection, bool counted)
    {
        if (counted)
        {
            _slots.Release();
        }
        if (_disposed || !connection.ReadyForNextCaller())
        {
            return false;
        }
        _idle.Push((connection, Environment.TickCount64));
        if (_disposed)
        {
            // Disposed between the check above and the push: its closing may have missed this one.
            Prune();
        }
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
        if (_disposed && keep.Count > 0)
        {
            // Disposed while this prune (the timer's) held these: close them now.
            Prune();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _pruning.Dispose();
        Prune();
    }
}
