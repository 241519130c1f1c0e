using Dapper;
using MassTransit;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// The outbox → bus → idempotent consumer path over a real RabbitMQ broker (publisher confirms on),
/// configured as the services configure it with <c>Messaging:Transport=RabbitMq</c>. Messages
/// published straight to the bus are of a type only these tests know; the outbox can only carry
/// integration events, so that test uses RecordShared with a person id no one else holds. Each
/// host's queues are its own and are deleted afterwards; a published probe reaches every host that
/// consumes probes, so assertions look only at this test's own key and message id.
/// </summary>
public sealed class RabbitMqDeliveryTests
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Outbox_event_crosses_the_broker_with_its_message_id_and_a_republished_duplicate_has_no_second_effect()
    {
        Infrastructure.RequireRabbitMq();
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(EffectProbe.CreateTable);
        await using var bus = await BusHost.StartAsync(file.Database, (services, instance) =>
        {
            services.AddConsumer<RecordSharedEffect>(instance);
            services.AddOutboxDispatcher<TestDatabase>();
        }, rabbitMq: true);
        var personId = "p-" + Guid.NewGuid().ToString("N");

        await file.Database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, Shared(personId)));
        var messageId = Guid.Parse(await file.ScalarAsync<string>("SELECT message_id FROM outbox_messages"));
        await Eventually.HoldsAsync(() => bus.Consumed.Completed(messageId) == 1, "the event was consumed through the broker", BrokerTimeout);
        await Eventually.HoldsAsync(async () => await file.ScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NOT NULL") == 1,
            "the row was marked sent", BrokerTimeout);
        // A crash between publishing and marking the row: the dispatcher sends it again.
        await file.Database.InTransactionAsync((db, tx) => db.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL", transaction: tx));
        await Eventually.HoldsAsync(() => bus.Consumed.Completed(messageId) == 2, "the duplicate was consumed through the broker", BrokerTimeout);

        Assert.Equal("rabbitmq", bus.Bus.Address.Scheme);
        Assert.Equal(1, await file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = personId }));
        Assert.Equal(1, bus.Probe.Calls(personId));
        Assert.Equal(messageId, Assert.Single(bus.Published.Of<RecordShared>().Select(p => p.MessageId).Distinct()));
    }

    [SkippableFact]
    public async Task Same_message_id_published_twice_through_the_broker_has_one_effect()
    {
        Infrastructure.RequireRabbitMq();
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(EffectProbe.CreateTable);
        await using var bus = await BusHost.StartAsync(file.Database, (services, instance) =>
            services.AddConsumer<ProbeEffect>(instance), rabbitMq: true);
        var key = "k-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();

        await bus.Bus.Publish(Probe(key), context => context.MessageId = messageId);
        await bus.Bus.Publish(Probe(key), context => context.MessageId = messageId);
        await Eventually.HoldsAsync(() => bus.Consumed.Completed(messageId) == 2, "both deliveries were consumed", BrokerTimeout);

        Assert.Equal("rabbitmq", bus.Bus.Address.Scheme);
        Assert.Equal(1, await file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = key }));
        Assert.Equal(1, bus.Probe.Calls(key));
        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = messageId.ToString() }));
    }

    [SkippableFact]
    public async Task Consumer_failure_over_the_broker_rolls_back_and_the_redelivery_applies_it_once()
    {
        Infrastructure.RequireRabbitMq();
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(EffectProbe.CreateTable);
        await using var bus = await BusHost.StartAsync(file.Database, (services, instance) =>
            services.AddConsumer<ProbeEffect>(instance), rabbitMq: true);
        var key = "k-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();
        bus.Probe.FailTimes(key, 2);

        await bus.Bus.Publish(Probe(key), context => context.MessageId = messageId);
        await Eventually.HoldsAsync(() => bus.Consumed.Completed(messageId) == 1, "the third attempt was consumed", BrokerTimeout);

        Assert.Equal(3, bus.Probe.Calls(key));
        Assert.Equal("rabbitmq", bus.Bus.Address.Scheme);
        Assert.Equal(1, await file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = key }));
        Assert.Equal(1, await file.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = messageId.ToString() }));
    }

    private static BuildingBlocksProbe Probe(string key) => new() { Key = key };

    private static RecordShared Shared(string personId) => new()
    {
        PersonId = personId,
        Agency = "housing-bristol",
        LawfulBasis = "vital-interests",
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
