using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>Delivered messages are purged after their retention, in batches; nothing undelivered ever is.</summary>
public sealed class MessageRetentionTests : IAsyncLifetime
{
    private TempSqlite _file = null!;

    public async Task InitializeAsync() => _file = await TempSqlite.MigratedAsync();

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Sent_outbox_rows_and_inbox_rows_past_retention_are_purged_in_batches_and_nothing_else()
    {
        // Outbox: 5 sent 8 days ago, 1 sent an hour ago, 1 unsent and 1 parked from 8 days ago.
        for (var i = 0; i < 5; i++)
        {
            await OutboxRowAsync($"old-sent-{i}", sentDaysAgo: 8);
        }
        await OutboxRowAsync("recent-sent", sentDaysAgo: 1.0 / 24);
        await OutboxRowAsync("old-unsent", sentDaysAgo: null);
        await OutboxRowAsync("old-parked", sentDaysAgo: null, parkedDaysAgo: 8);
        // Inbox: 5 processed 31 days ago, 1 processed 29 days ago.
        for (var i = 0; i < 5; i++)
        {
            await InboxRowAsync($"old-{i}", daysAgo: 31);
        }
        await InboxRowAsync("recent", daysAgo: 29);
        var retention = new MessageRetention<TestDatabase>(_file.Database,
            Options.Create(new RetentionOptions { BatchSize = 2 }), NullLogger<MessageRetention<TestDatabase>>.Instance);

        var (outbox, inbox) = await retention.PurgeAsync(CancellationToken.None);
        var again = await retention.PurgeAsync(CancellationToken.None);

        Assert.Equal((5, 5), (outbox, inbox));
        Assert.Equal((0, 0), again);
        Assert.Equal(["recent-sent", "old-unsent", "old-parked"],
            await _file.QueryAsync<string>("SELECT message_id FROM outbox_messages ORDER BY seq"));
        Assert.Equal(["recent"], await _file.QueryAsync<string>("SELECT message_id FROM inbox_messages"));
    }

    private Task OutboxRowAsync(string id, double? sentDaysAgo, double? parkedDaysAgo = null) => _file.ExecuteAsync(
        $"""
        INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, sent_at, parked_at)
        VALUES (@Id, 'registry.person-registered.v1', @Payload, @At, {Ago(sentDaysAgo)}, {Ago(parkedDaysAgo)})
        """, new { Id = id, Payload = "{}", At = DateTimeOffset.UtcNow.AddDays(-9) });

    private Task InboxRowAsync(string id, double daysAgo) => _file.ExecuteAsync(
        "INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES (@Id, 'test-consumer', @At)",
        new { Id = id, At = DateTimeOffset.UtcNow.AddDays(-daysAgo) });

    private static string Ago(double? days) => days is { } d ? SqlDialect.Sqlite.NowPlus(((long)(-d * 86_400_000)).ToString(System.Globalization.CultureInfo.InvariantCulture)) : "NULL";
}
