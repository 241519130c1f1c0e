using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Data;

/// <summary>A row written by the bulk path reads back exactly as one written by Dapper.</summary>
public sealed class BulkInsertTests
{
    private const string Create =
        "CREATE TABLE sample (id TEXT PRIMARY KEY, at TEXT NOT NULL, later TEXT NULL, flag INTEGER NOT NULL, count INTEGER NULL, note TEXT NULL)";

    private const string Insert = "INSERT INTO sample (id, at, later, flag, count, note) VALUES (@Id, @At, @Later, @Flag, @Count, @Note)";

    [Fact]
    public async Task Bulk_rows_store_instants_flags_and_nulls_as_dapper_does()
    {
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(Create);
        var at = new DateTimeOffset(2026, 11, 26, 9, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567);
        Sample[] bulk = [new("bulk-1", at, at.AddDays(1), true, 3, "a"), new("bulk-2", at, null, false, null, null)];
        Sample[] dapper = [bulk[0] with { Id = "dapper-1" }, bulk[1] with { Id = "dapper-2" }];

        await using (var db = await file.Database.OpenAsync())
        {
            await using var tx = await db.BeginTransactionAsync();
            Assert.Equal(2, await BulkInsert.ExecuteAsync(db, tx, Insert, bulk));
            await db.ExecuteAsync(Insert, dapper, tx);
            await tx.CommitAsync();
        }

        var stored = await file.QueryAsync<(string Id, string At, string? Later, long Flag, long? Count, string? Note)>(
            "SELECT id, at, later, flag, count, note FROM sample ORDER BY id");
        Assert.Equal(stored[2] with { Id = "" }, stored[0] with { Id = "" });
        Assert.Equal(stored[3] with { Id = "" }, stored[1] with { Id = "" });
        Assert.Equal(DapperTypeHandlers.ToStoredText(at), stored[0].At);
        var read = await file.QueryAsync<DateTimeOffset>("SELECT at FROM sample WHERE id = 'bulk-1'");
        Assert.Equal(at, Assert.Single(read));
    }

    [Fact]
    public async Task A_parameter_the_row_does_not_have_is_named()
    {
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(Create);
        await using var db = await file.Database.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BulkInsert.ExecuteAsync(db, tx, "INSERT INTO sample (id) VALUES (@Missing)", new[] { new Sample("x", DateTimeOffset.UnixEpoch, null, false, null, null) }));

        Assert.Contains("@Missing", error.Message, StringComparison.Ordinal);
    }

    private sealed record Sample(string Id, DateTimeOffset At, DateTimeOffset? Later, bool Flag, int? Count, string? Note);
}
