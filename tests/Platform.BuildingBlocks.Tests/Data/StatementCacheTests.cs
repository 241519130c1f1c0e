using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Data;
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
    public async Task A_command_whose_text_changes_between_runs_runs_the_new_text()
    {
        await using var db = await _file.Database.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT n FROM sample WHERE id = @Id";
        var id = command.CreateParameter();
        id.ParameterName = "@Id";
        id.Value = "a";
        command.Parameters.Add(id);
        Assert.Equal(1L, await command.ExecuteScalarAsync());

        command.CommandText = "SELECT n * 10 FROM sample WHERE id = @Id";
        id.Value = "b";
        Assert.Equal(20L, await command.ExecuteScalarAsync());

        // Both statements went back to the connection: each is there for the next command with its text.
        Assert.Equal(3, await db.ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = @Id", new { Id = "c" }));
        Assert.Equal(30, await db.ExecuteScalarAsync<long>("SELECT n * 10 FROM sample WHERE id = @Id", new { Id = "c" }));
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

        // Reads have connections of their own, opened read-only; the writers' are as they were.
        await using var db = await _file.Database.OpenAsync();
        Assert.Equal(1, await db.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('d', 4)"));
        Assert.Equal(4, await _file.ScalarAsync<long>("SELECT count(*) FROM sample"));
    }

    [Fact]
    public async Task A_caller_beyond_the_bound_waits_for_a_connection_and_disposing_the_database_closes_them()
    {
        var bound = SqlitePool.MaximumOpen;
        var open = (await Task.WhenAll(Enumerable.Range(0, bound).Select(_ => _file.Database.OpenAsync()))).Cast<SqliteConnection>().ToList();
        var waiting = _file.Database.OpenAsync();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "a caller beyond the bound waits");

        await open[0].DisposeAsync();
        var next = (SqliteConnection)await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(open[0], next); // the one given back, still open, not a new one
        open[0] = next;
        foreach (var db in open)
        {
            await db.DisposeAsync();
        }
        Assert.All(open, db => Assert.Equal(ConnectionState.Open, db.State));

        _file.Database.Dispose();
        Assert.All(open, db => Assert.Equal(ConnectionState.Closed, db.State));
    }

    [Fact]
    public async Task The_writer_is_never_held_up_by_readers_holding_every_connection()
    {
        var open = await Task.WhenAll(Enumerable.Range(0, SqlitePool.MaximumOpen).Select(_ => _file.Database.OpenAsync()));

        await _file.Database.InTransactionAsync((db, tx) => db.ExecuteAsync("INSERT INTO sample (id, n) VALUES ('w', 5)", transaction: tx))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(5, await open[0].ExecuteScalarAsync<long>("SELECT n FROM sample WHERE id = 'w'"));
        foreach (var db in open)
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reads_and_writes_reuse_what_earlier_calls_on_their_connection_compiled()
    {
        const string query = "SELECT n FROM sample WHERE id = @Id";
        // Connections of its own, each new: every statement they list was compiled while tracked.
        using var database = Fresh();
        sqlite3? reader = null;
        await database.ReadAsync((db, tx) =>
        {
            reader = Track(db);
            return db.ExecuteScalarAsync<long>(query, new { Id = "a" }, tx);
        });
        sqlite3 writing;
        await using (var db = await database.OpenAsync())
        {
            writing = Track(db);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, await database.ReadAsync((db, tx) =>
            {
                Assert.Same(reader, ((SqliteConnection)db).Handle);
                return db.ExecuteScalarAsync<long>(query, new { Id = "b" }, tx);
            }));
            await using var writer = await database.OpenAsync();
            Assert.Same(writing, ((SqliteConnection)writer).Handle);
            Assert.Equal(3, await writer.ExecuteScalarAsync<long>(query, new { Id = "c" }));
        }

        // Compiled once each and never again: setting a flag pragma (query_only, foreign_keys) between
        // calls would have expired them all, and each would have been compiled anew on its next run.
        var recompiled = Statements(reader!).Concat(Statements(writing)).Select(s => raw.sqlite3_stmt_status(s, Reprepare, 0)).ToList();
        Assert.NotEmpty(recompiled);
        Assert.All(recompiled, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task A_read_opens_the_database_when_no_other_connection_holds_it_open()
    {
        _file.Database.Dispose();
        using var fresh = Fresh();

        Assert.Equal(3, await fresh.ReadAsync((db, tx) => db.ExecuteScalarAsync<long>("SELECT count(*) FROM sample", transaction: tx)));
    }

    private TestDatabase Fresh() => new(new DatabaseConnection("Test", SqlDialect.Sqlite, $"Data Source={_file.Path}"));

    private const int Reprepare = 5; // SQLITE_STMTSTATUS_REPREPARE

    /// <summary>From now on SQLite's list of the connection's statements can be walked (off by default).</summary>
    private static sqlite3 Track(DbConnection db)
    {
        var handle = ((SqliteConnection)db).Handle!;
        handle.enable_sqlite3_next_stmt(true);
        return handle;
    }

    private static List<sqlite3_stmt> Statements(sqlite3 handle)
    {
        var statements = new List<sqlite3_stmt>();
        for (var s = raw.sqlite3_next_stmt(handle, null); s is not null && !s.IsInvalid; s = raw.sqlite3_next_stmt(handle, s))
        {
            statements.Add(s);
        }
        return statements;
    }

    /// <summary>Heap memory held by the connection's compiled statements (SQLite's own account).</summary>
    private static int StatementMemory(DbConnection db)
    {
        const int statementsUsed = 3; // SQLITE_DBSTATUS_STMT_USED
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(((SqliteConnection)db).Handle, statementsUsed, out var current, out _, 0));
        return current;
    }
}
