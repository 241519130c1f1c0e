using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The one data-access helper: opens connections to one service's database and runs work in a
/// transaction. Each service derives its own type so that, in the standalone host, four services
/// share one container without sharing a database.
/// </summary>
public abstract class ServiceDatabase : IDisposable
{
    private readonly DatabaseConnection _connection;
    private readonly SqliteWriter? _writer;

    /// <summary>Connections for writes (and callers of <see cref="OpenAsync"/>), and for reads: SQLite only.</summary>
    private readonly SqlitePool? _pool;
    private readonly SqlitePool? _readPool;

    protected ServiceDatabase(DatabaseConnection connection)
    {
        _connection = connection;
        if (connection.Dialect == SqlDialect.Sqlite)
        {
            // Set once per connection: referential integrity; waiting for another process's writer instead
            // of failing; a page cache bounded so that memory does not grow with the connections open;
            // checkpoints in large steps; the durability chosen.
            _pool = new SqlitePool(connection.ConnectionString,
                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -8192; " +
                $"PRAGMA wal_autocheckpoint = 16384; PRAGMA synchronous = {connection.SqliteSynchronous};");
            // Opened read-only: a read that tried to write fails loudly rather than race the writer for the lock.
            // A smaller page cache than the writer's: reads run on up to MaximumOpen connections at once,
            // each with a cache of its own, while the operating system caches the file once for them all.
            _readPool = new SqlitePool(
                new SqliteConnectionStringBuilder(connection.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString(),
                "PRAGMA busy_timeout = 10000; PRAGMA cache_size = -2048;");
            _writer = new SqliteWriter(async cancellationToken => await _pool.RentAsync(counted: false, cancellationToken), OutboxSignal);
        }
    }

    public string Service => _connection.Service;

    public SqlDialect Dialect => _connection.Dialect;

    internal DatabaseConnection Connection => _connection;

    /// <summary>
    /// Woken after a commit that wrote outbox rows so that they are sent without waiting for a poll.
    /// Only those commits: the dispatcher's own lease transaction must not wake it, or it never sleeps.
    /// </summary>
    internal OutboxSignal OutboxSignal { get; } = new();

    /// <summary>
    /// An open connection, disposed by the caller. On SQLite it comes from the database's pool, with the
    /// statements it has compiled (<see cref="SqlitePool"/>).
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_pool is null)
        {
            var server = new SqlConnection(_connection.ConnectionString);
            try
            {
                await server.OpenAsync(cancellationToken);
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
        return await _pool.RentAsync(counted: true, cancellationToken);
    }

    /// <summary>
    /// Whether the database can be opened now (the readiness check): a new connection, not one kept
    /// open by the pool, which would answer even after the file had gone.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using DbConnection db = Dialect == SqlDialect.Sqlite
            ? new SqliteConnection(_connection.ConnectionString)
            : new SqlConnection(_connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: state changes, outbox rows, inbox rows and
    /// audit records commit together or not at all. On SQLite the work joins the database's one
    /// writer (<see cref="SqliteWriter"/>): it commits with the calls queued beside it, and the task
    /// completes once that commit is durable. The work must not ask for another transaction.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            return await _writer.RunAsync(work, cancellationToken);
        }
        await using var db = await OpenAsync(cancellationToken);
        await using var tx = await db.BeginTransactionAsync(cancellationToken);
        var result = await work(db, tx);
        await tx.CommitAsync(cancellationToken);
        if (Outbox.WroteIn(tx))
        {
            OutboxSignal.Notify();
        }
        return result;
    }

    public Task InTransactionAsync(
        Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        InTransactionAsync<bool>(async (db, tx) => { await work(db, tx); return true; }, cancellationToken);

    /// <summary>
    /// Runs read-only <paramref name="work"/> in a transaction of its own, so that its statements see
    /// one state (SQLite; SQL Server reads at its default isolation, as its writes do). On SQLite it is a
    /// reader beside the writer (WAL), never queued behind it; it must not write.
    /// </summary>
    public async Task<T> ReadAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = _readPool is null ? await OpenAsync(cancellationToken) : await _readPool.RentAsync(counted: true, cancellationToken);
        await using var tx = db is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.BeginTransactionAsync(cancellationToken);
        var result = await work(db, tx);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Closes the connections the pool keeps (the host disposes the database when it stops).</summary>
    public void Dispose()
    {
        _pool?.Dispose();
        _readPool?.Dispose();
        GC.SuppressFinalize(this);
    }
}
