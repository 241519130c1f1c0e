using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The one writer of a SQLite database (group commit). SQLite has a single write lock and, at
/// <c>synchronous = FULL</c>, an fsync per commit; transactions that each take the lock in turn spend
/// their time asleep in its busy handler and waiting for the disk. Here the calls' transactions queue
/// in process instead, and the writer runs whatever has queued as one transaction: each call's work in
/// a savepoint of its own (a failure rolls back that call's work alone), then one COMMIT — one fsync —
/// for the lot. A call completes only after that commit, so nothing is reported done before it is durable.
/// </summary>
internal sealed class SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open, OutboxSignal outboxSignal)
{
    /// <summary>Bounds the time the first call of a batch waits for the last.</summary>
    private const int MaximumBatch = 256;

    private const string Savepoint = "call";

    /// <summary>
    /// Set inside the writer: a call's work that asked for another transaction of the same database
    /// would wait for the writer that is running it, for ever. It must use the transaction it was given.
    /// </summary>
    private static readonly AsyncLocal<SqliteWriter?> Running = new();

    private readonly Channel<WriteCall> _queue = Channel.CreateUnbounded<WriteCall>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _startLock = new();
    private Task? _loop;

    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Running.Value == this)
        {
            throw new InvalidOperationException(
                "A transaction's work asked for a second transaction of the same database; use the one it was given.");
        }
        var call = new WriteCall<T>(work, cancellationToken);
        EnsureRunning();
        _queue.Writer.TryWrite(call);
        return call.Completion;
    }

    private void EnsureRunning()
    {
        if (_loop is not null)
        {
            return;
        }
        lock (_startLock)
        {
            // Not the caller's execution context: nothing of one request's (its activity, its AsyncLocals) flows into the writer.
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(LoopAsync);
            }
        }
    }

    /// <summary>
    /// Holds one connection while calls keep coming and gives it back to the pool when the queue is
    /// empty (the pool closes it once it has waited long enough), or closes it when a commit failed
    /// (the next batch starts on a fresh one).
    /// </summary>
    private async Task LoopAsync()
    {
        Running.Value = this;
        var batch = new List<WriteCall>(MaximumBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            SqliteConnection db;
            try
            {
                db = await open(CancellationToken.None);
            }
            catch (Exception ex)
            {
                FailQueued(ex);
                continue;
            }
            await using (db)
            {
                var healthy = true;
                while (healthy && _queue.Reader.TryPeek(out _))
                {
                    while (batch.Count < MaximumBatch && _queue.Reader.TryRead(out var call))
                    {
                        batch.Add(call);
                    }
                    healthy = await CommitAsync(db, batch);
                    batch.Clear();
                }
                if (!healthy)
                {
                    // Closed, so that disposing it does not put it back in the pool for the next batch.
                    await db.CloseAsync();
                }
            }
        }
    }

    /// <summary>The database cannot be opened: every call waiting now fails with the reason.</summary>
    private void FailQueued(Exception error)
    {
        while (_queue.Reader.TryRead(out var call))
        {
            call.Fail(error);
        }
    }

    /// <summary>Runs and commits one batch; false when the transaction itself failed (every call in it has then failed).</summary>
    private async Task<bool> CommitAsync(SqliteConnection db, List<WriteCall> batch)
    {
        // A call alone needs no savepoint: if it fails, the transaction is rolled back, which is the same.
        var alone = batch.Count == 1;
        var done = new List<WriteCall>(batch.Count);
        try
        {
            // BEGIN IMMEDIATE: another process writing the same file (a migration, a tool) is waited for on busy_timeout.
            await using var tx = db.BeginTransaction(deferred: false);
            foreach (var call in batch)
            {
                if (call.Cancelled)
                {
                    call.Cancel();
                    continue;
                }
                if (alone)
                {
                    await call.RunAsync(db, tx);
                    done.Add(call);
                    continue;
                }
                tx.Save(Savepoint);
                try
                {
                    await call.RunAsync(db, tx);
                    tx.Release(Savepoint);
                    done.Add(call);
                }
                catch (Exception ex)
                {
                    call.Fail(ex);
                    // Undoes this call's work alone; if even that fails the transaction is lost and so is the batch.
                    tx.Rollback(Savepoint);
                    tx.Release(Savepoint);
                }
            }
            await tx.CommitAsync();
            if (Outbox.WroteIn(tx))
            {
                outboxSignal.Notify();
            }
        }
        catch (Exception ex)
        {
            foreach (var call in batch)
            {
                call.Fail(ex);
            }
            // A call alone that failed leaves the connection as good as new (its transaction rolled back).
            return alone && done.Count == 0;
        }
        foreach (var call in done)
        {
            call.Complete();
        }
        return true;
    }

    private abstract class WriteCall
    {
        public abstract bool Cancelled { get; }

        public abstract Task RunAsync(DbConnection db, DbTransaction tx);

        public abstract void Complete();

        public abstract void Cancel();

        /// <summary>No effect on a call already completed or failed.</summary>
        public abstract void Fail(Exception error);
    }

    private sealed class WriteCall<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) : WriteCall
    {
        // Continuations run on the thread pool, never inline on the writer.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Completion => _completion.Task;

        public override bool Cancelled => cancellationToken.IsCancellationRequested;

        public override async Task RunAsync(DbConnection db, DbTransaction tx) => _result = await work(db, tx);

        public override void Complete() => _completion.TrySetResult(_result);

        public override void Cancel() => _completion.TrySetCanceled(cancellationToken);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
