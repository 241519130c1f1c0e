using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Tests.Support;
using SQLitePCL;

namespace Platform.BuildingBlocks.Tests.Data;

/// <summary>
/// SQLite connections are kept open by the database's pool with the statements they compiled: a
/// statement run again is not compiled again, and nothing of one caller's use — parameters, an
/// unfinished transaction, a read's query_only — reaches the next caller.
/// </summary>
public sealed class StatementCacheTests : IAsyncLifetime
{
    private TempSqlite _file = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        await _file.ExecuteAsync("CREATE TABLE sample (id TEXT PRIMARY KEY, n INTEGER)");
        await _file.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('a', 1), ('b', 2), ('c', 3)");
    }

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task A_statement_run_again_on_a_connection_is_not_compiled_again()
    {
        await using var db = await _file.Database.OpenAsync();
        var before = StatementMemory(db);
        await db.QueryAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "a" });
        var afterFirst = StatementMemory(db);
        Assert.True(afterFirst > before, "the statement is kept compiled after its first run");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "b" }));
        }
        Assert.Equal(afterFirst, StatementMemory(db));

        await db.ExecuteScalarAsync<long>("SELECT count(*) FROM sample");
        Assert.True(StatementMemory(db) > afterFirst, "another text is another statement");
    }

    [Fact]
    public async Task The_next_caller_gets_the_same_connection_with_its_statements()
    {
        SqliteConnection first;
        await using (var db = await _file.Database.OpenAsync())
        {
            first = (SqliteConnection)db;
            await db.QueryAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "a" });
        }
        await using var again = await _file.Database.OpenAsync();
        Assert.Same(first, again);
        var compiled = StatementMemory(again);
        Assert.Equal(3, await again.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "c" }));
        Assert.Equal(compiled, StatementMemory(again));
    }

    [Fact]
    public async Task A_parameter_of_one_call_is_never_bound_for_the_next()
    {
        await using var db = await _file.Database.OpenAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "a" }));

        // The same text without its parameter fails as it would on a fresh statement, rather than reuse 'a'.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id"));
        Assert.Contains("@Id", error.Message);
        Assert.Equal(3, await db.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "c" }));
    }

    [Fact]
    public async Task Lists_expanded_into_the_text_run_each_as_its_own_statement()
    {
        await using var db = await _file.Database.OpenAsync();

        Assert.Equal(3, await db.ExecuteScalarAsync<long>("SELECT sum(n) FROM sample WHERE id IN @Ids", new { Ids = new[] { "a", "b" } }));
        Assert.Equal(6, await db.ExecuteScalarAsync<long>("SELECT sum(n) FROM sample WHERE id IN @Ids", new { Ids = new[] { "a", "b", "c" } }));
        Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT sum(n) FROM sample WHERE id IN @Ids", new { Ids = new[] { "b" } }));
    }

    [Fact]
    public async Task A_transaction_left_unfinished_is_rolled_back_before_the_connection_serves_again()
    {
        await using (var db = await _file.Database.OpenAsync())
        {
            var tx = await db.BeginTransactionAsync();
            await db.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('left', 9)", transaction: tx);
            // Neither committed nor disposed.
        }

        await using var next = await _file.Database.OpenAsync();
        Assert.Equal(0, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM sample WHERE id = 'left'"));
        await using var tx2 = await next.BeginTransactionAsync();
        await next.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('next', 4)", transaction: tx2);
        await tx2.CommitAsync();
        Assert.Equal(1, await _file.ScalarAsync<long>("SELECT count(*) FROM sample WHERE id = 'next'"));
    }

    [Fact]
    public async Task A_connection_back_from_a_read_writes_again()
    {
        Assert.Equal(3, await _file.Database.ReadAsync((db, tx) => db.ExecuteScalarAsync<long>("SELECT count(*) FROM sample", transaction: tx)));
        await Assert.ThrowsAsync<SqliteException>(() =>
            _file.Database.ReadAsync((db, tx) => db.ExecuteAsync("DELETE FROM sample", transaction: tx)));

        // The same pooled connection, now outside a read.
        await using var db = await _file.Database.OpenAsync();
        Assert.Equal(1, await db.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('d', 4)"));
        Assert.Equal(4, await _file.ScalarAsync<long>("SELECT count(*) FROM sample"));
    }

    [Fact]
    public async Task Connections_beyond_the_few_kept_close_and_disposing_the_database_closes_the_rest()
    {
        var open = (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _file.Database.OpenAsync()))).Cast<SqliteConnection>().ToList();
        foreach (var db in open)
        {
            await db.DisposeAsync();
        }
        Assert.Equal(8, open.Count(db => db.State == ConnectionState.Open));

        _file.Database.Dispose();
        Assert.All(open, db => Assert.Equal(ConnectionState.Closed, db.State));
    }

    /// <summary>Heap memory held by the connection's compiled statements (SQLite's own account).</summary>
    private static int StatementMemory(DbConnection db)
    {
        const int statementsUsed = 3; // SQLITE_DBSTATUS_STMT_USED
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(((SqliteConnection)db).Handle, statementsUsed, out var current, out _, 0));
        return current;
    }
}
