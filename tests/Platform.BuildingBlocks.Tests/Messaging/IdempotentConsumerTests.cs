using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>The inbox on SQLite with the in-memory bus: a message id is applied at most once per consumer.</summary>
public sealed class IdempotentConsumerTests : IAsyncLifetime
{
    private TempSqlite _file = null!;
    private BusHost _bus = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        await _file.ExecuteAsync(EffectProbe.CreateTable);
        _bus = await BusHost.StartAsync(_file.Database, (services, instance) =>
            services.AddConsumer<PersonRegisteredEffect>(instance));
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public async Task Same_message_delivered_twice_has_one_effect()
    {
        var messageId = Guid.NewGuid();
        var message = Registered("p-twice");

        await _bus.Bus.Publish(message, context => context.MessageId = messageId);
        await _bus.Bus.Publish(message, context => context.MessageId = messageId);
        await Eventually.HoldsAsync(() => _bus.Consumed.Completed(messageId) == 2, "both deliveries were consumed");

        Assert.Equal(1, await EffectsAsync("p-twice"));
        Assert.Equal(1, _bus.Probe.Calls("p-twice"));
        Assert.Equal(1, await InboxRowsAsync(messageId));
    }

    [Fact]
    public async Task Messages_with_equal_content_but_different_ids_each_have_an_effect()
    {
        var message = Registered("p-two-facts");
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        await _bus.Bus.Publish(message, context => context.MessageId = first);
        await _bus.Bus.Publish(message, context => context.MessageId = second);
        await Eventually.HoldsAsync(() => _bus.Consumed.Completed(first) == 1 && _bus.Consumed.Completed(second) == 1,
            "both messages were consumed");

        Assert.Equal(2, await EffectsAsync("p-two-facts"));
    }

    [Fact]
    public async Task Consumer_that_throws_rolls_back_its_change_and_inbox_row_so_the_redelivery_applies_it()
    {
        var messageId = Guid.NewGuid();
        _bus.Probe.FailTimes("p-fails-once", 1);

        await _bus.Bus.Publish(Registered("p-fails-once"), context => context.MessageId = messageId);
        await Eventually.HoldsAsync(() => _bus.Consumed.Completed(messageId) == 1, "the retried delivery was consumed");

        // The handler ran twice: the failed attempt's inbox row did not survive to block the retry...
        Assert.Equal(2, _bus.Probe.Calls("p-fails-once"));
        // ...and its own change did not survive either: one effect, one inbox row.
        Assert.Equal(1, await EffectsAsync("p-fails-once"));
        Assert.Equal(1, await InboxRowsAsync(messageId));
    }

    [Fact]
    public async Task Failed_consume_leaves_no_change_and_no_inbox_row_behind()
    {
        var messageId = Guid.NewGuid();
        var consumer = new PersonRegisteredEffect(_file.Database, _bus.Probe);
        _bus.Probe.FailTimes("p-direct", 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.Consume(StubConsumeContext.For(Registered("p-direct"), messageId)));
        var afterFailure = (Effects: await EffectsAsync("p-direct"), Inbox: await InboxRowsAsync(messageId));
        await consumer.Consume(StubConsumeContext.For(Registered("p-direct"), messageId));
        await consumer.Consume(StubConsumeContext.For(Registered("p-direct"), messageId));

        Assert.Equal((0, 0), afterFailure);
        Assert.Equal(1, await EffectsAsync("p-direct"));
        Assert.Equal(1, await InboxRowsAsync(messageId));
    }

    [Fact]
    public async Task Message_without_a_message_id_is_refused_and_has_no_effect()
    {
        var consumer = new PersonRegisteredEffect(_file.Database, _bus.Probe);

        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.Consume(StubConsumeContext.For(Registered("p-no-id"), null)));

        Assert.Equal(0, await EffectsAsync("p-no-id"));
        Assert.Equal(0, _bus.Probe.Calls("p-no-id"));
    }

    [Fact]
    public async Task Outbox_row_published_again_after_a_crash_before_it_was_marked_sent_has_one_effect()
    {
        var dispatcher = Dispatchers.ThroughBus(_file.Database, _bus.Bus);
        await _file.Database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, Registered("p-crash")));
        var messageId = Guid.Parse(await _file.ScalarAsync<string>("SELECT message_id FROM outbox_messages"));

        await dispatcher.DispatchBatchAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => _bus.Consumed.Completed(messageId) == 1, "the first delivery was consumed");
        // What a crash between publishing and marking the row leaves behind: the row is unsent again.
        await _file.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL");
        var republished = await dispatcher.DispatchBatchAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => _bus.Consumed.Completed(messageId) == 2, "the duplicate delivery was consumed");

        Assert.Equal(1, republished);
        Assert.Equal(1, await EffectsAsync("p-crash"));
        Assert.Equal(1, _bus.Probe.Calls("p-crash"));
    }

    private Task<int> EffectsAsync(string key) => _file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = key });

    private Task<int> InboxRowsAsync(Guid messageId) =>
        _file.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = messageId.ToString() });

    private static PersonRegistered Registered(string personId) => new()
    {
        PersonId = personId,
        RegisteredByAgency = "outreach-bristol",
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
