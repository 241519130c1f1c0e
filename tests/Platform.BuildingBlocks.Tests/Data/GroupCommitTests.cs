using Dapper;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Data;

/// <summary>
/// The SQLite writer's group commit: calls queued together commit together, each call's work in a
/// savepoint of its own, so one failing call loses only its own work; a call completes only once
/// committed; and the ways a call could wait for ever (asking for a second transaction) fail instead.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private const string Insert = "INSERT INTO sample (id) VALUES (@Id)";

    private TempSqlite _file = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        await _file.ExecuteAsync("CREATE TABLE sample (id TEXT PRIMARY KEY)");
    }

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Calls_queued_together_commit_together_and_a_failing_call_loses_only_its_own_work()
    {
        // The first call holds the writer until the rest have queued behind it, so they form one batch.
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(Insert, new { Id = "first" }, tx);
            await queued.Task;
        });
        var calls = Enumerable.Range(0, 40).Select(i => _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(Insert, new { Id = $"call-{i}" }, tx);
            if (i == 20)
            {
                throw new InvalidOperationException("call 20 failed after writing");
            }
            return i;
        })).ToList();
        queued.SetResult();

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => calls[20]);
        var succeeded = await Task.WhenAll(calls.Where((_, i) => i != 20));

        Assert.Equal("call 20 failed after writing", failed.Message);
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i != 20), succeeded);
        var stored = await _file.QueryAsync<string>("SELECT id FROM sample ORDER BY id");
        Assert.Equal(40, stored.Count); // the first and 39 of the 40
        Assert.DoesNotContain("call-20", stored);
        Assert.Contains("first", stored);
    }

    [Fact]
    public async Task A_call_alone_that_fails_writes_nothing_and_the_next_call_commits()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(Insert, new { Id = "alone" }, tx);
            throw new InvalidOperationException("failed alone");
        }));
        await _file.Database.InTransactionAsync((db, tx) => db.ExecuteAsync(Insert, new { Id = "next" }, tx));

        Assert.Equal("failed alone", failed.Message);
        Assert.Equal(["next"], await _file.QueryAsync<string>("SELECT id FROM sample"));
    }

    [Fact]
    public async Task Work_that_asks_for_a_second_transaction_fails_instead_of_waiting_for_ever()
    {
        var nested = _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(Insert, new { Id = "outer" }, tx);
            await _file.Database.InTransactionAsync((inner, innerTx) => inner.ExecuteAsync(Insert, new { Id = "inner" }, innerTx));
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => nested.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("second transaction", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _file.QueryAsync<string>("SELECT id FROM sample"));
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_in_the_queue_never_runs()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = _file.Database.InTransactionAsync(async (db, tx) => await release.Task);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var waiting = _file.Database.InTransactionAsync(async (db, tx) =>
        {
            ran = true;
            await db.ExecuteAsync(Insert, new { Id = "cancelled" }, tx);
        }, cancel.Token);

        await cancel.CancelAsync();
        release.SetResult();
        await holding.WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(ran);
        Assert.Empty(await _file.QueryAsync<string>("SELECT id FROM sample"));
    }

    [Fact]
    public async Task A_read_that_tries_to_write_fails_and_leaves_its_pooled_connection_writable()
    {
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _file.Database.ReadAsync(
            (db, tx) => db.ExecuteAsync(Insert, new { Id = "from-a-read" }, tx)));
        // The same pooled connection serves the next caller, which may write.
        await using (var db = await _file.Database.OpenAsync())
        {
            await db.ExecuteAsync(Insert, new { Id = "plain" });
        }
        var read = await _file.Database.ReadAsync((db, tx) => db.QueryAsync<string>("SELECT id FROM sample", transaction: tx));

        Assert.Contains("readonly", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["plain"], read);
    }
}
