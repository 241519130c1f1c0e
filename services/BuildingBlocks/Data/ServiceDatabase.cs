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
public abstract class ServiceDatabase(DatabaseConnection connection)
{
    public string Service => connection.Service;

    public SqlDialect Dialect => connection.Dialect;

    internal DatabaseConnection Connection => connection;

    /// <summary>
    /// Woken after a commit that wrote outbox rows so that they are sent without waiting for a poll.
    /// Only those commits: the dispatcher's own lease transaction must not wake it, or it never sleeps.
    /// </summary>
    internal OutboxSignal OutboxSignal { get; } = new();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection db = Dialect == SqlDialect.Sqlite
            ? new SqliteConnection(connection.ConnectionString)
            : new SqlConnection(connection.ConnectionString);
        try
        {
            await db.OpenAsync(cancellationToken);
            if (db is SqliteConnection)
            {
                await using var pragma = db.CreateCommand();
                // Per connection: referential integrity, and waiting for a writer instead of failing.
                pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 16384;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: state changes, outbox rows, inbox rows and
    /// audit records commit together or not at all.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two writers queue on
        // busy_timeout instead of one failing when it upgrades a read lock.
        await using var tx = db is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await db.BeginTransactionAsync(cancellationToken);
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
}
