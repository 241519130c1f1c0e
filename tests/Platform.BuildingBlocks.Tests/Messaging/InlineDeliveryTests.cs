using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// In one process (the in-memory transport, as the standalone host runs) a row is marked sent only
/// once its consumers have committed, so a consumer that fails, or a process killed mid-way, leaves
/// the row to be delivered again, and the inboxes absorb what was already applied.
/// </summary>
public sealed class InlineDeliveryTests : IAsyncLifetime
{
    private TempSqlite _file = null!;
    private BusHost _bus = null!;
    private OutboxDispatcher<TestDatabase> _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        await _file.ExecuteAsync(EffectProbe.CreateTable);
        _bus = await BusHost.StartAsync(_file.Database, (services, instance) =>
        {
            services.AddConsumer<PersonRegisteredEffect>(instance);
            services.AddConsumer<PersonRegisteredSecondEffect>(instance);
        });
        _dispatcher = Dispatchers.Create(_file.Database, _bus.Services.GetRequiredService<IOutboxDelivery>());
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public void In_memory_transport_delivers_the_outbox_through_inline_consumers()
    {
        Assert.IsType<MediatorDelivery>(_bus.Services.GetRequiredService<IOutboxDelivery>());
    }

    [Fact]
    public async Task Row_is_marked_sent_only_after_every_consumer_has_committed()
    {
        await CommitAsync("p-inline");

        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        // No waiting: when the dispatcher returns, the consumers' effects are already committed.
        Assert.Equal(1, sent);
        Assert.Equal(1, await EffectsAsync("p-inline"));
        Assert.Equal(1, await EffectsAsync("second:p-inline"));
        Assert.NotNull(Assert.Single(await OutboxRow.AllAsync(_file)).SentAt);
    }

    [Fact]
    public async Task Consumer_that_fails_leaves_the_row_unsent_and_the_later_delivery_applies_each_effect_once()
    {
        await CommitAsync("p-fails");
        // The second consumer fails its delivery and both quick retries; the first succeeds at once.
        _bus.Probe.FailTimes("second:p-fails", 3);

        var whileFailing = await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        var failed = Assert.Single(await OutboxRow.AllAsync(_file));
        var effectsWhileFailing = (await EffectsAsync("p-fails"), await EffectsAsync("second:p-fails"));
        await _file.ExecuteAsync($"UPDATE outbox_messages SET next_attempt_at = {SqlDialect.Sqlite.NowPlus("-1")}");
        var later = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(0, whileFailing);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.NextAttemptAt);
        Assert.Equal((1, 0), effectsWhileFailing);
        Assert.Equal(1, later);
        Assert.NotNull(Assert.Single(await OutboxRow.AllAsync(_file)).SentAt);
        // Delivered twice to the first consumer: the second time its inbox row stopped the handler.
        // The second consumer applies it on its fourth call.
        Assert.Equal(1, _bus.Probe.Calls("p-fails"));
        Assert.Equal(1, await EffectsAsync("p-fails"));
        Assert.Equal(4, _bus.Probe.Calls("second:p-fails"));
        Assert.Equal(1, await EffectsAsync("second:p-fails"));
    }

    [Fact]
    public async Task Row_whose_consumer_keeps_failing_is_parked_and_later_rows_are_delivered()
    {
        var dispatcher = Dispatchers.Create(_file.Database, _bus.Services.GetRequiredService<IOutboxDelivery>(),
            new OutboxOptions { MaxAttempts = 2 });
        await CommitAsync("p-poison");
        await CommitAsync("p-healthy");
        _bus.Probe.FailTimes("second:p-poison", 100);

        await dispatcher.DispatchBatchAsync(CancellationToken.None);
        await _file.ExecuteAsync($"UPDATE outbox_messages SET next_attempt_at = {SqlDialect.Sqlite.NowPlus("-1")} WHERE sent_at IS NULL");
        await dispatcher.DispatchBatchAsync(CancellationToken.None);

        var rows = await OutboxRow.AllAsync(_file);
        Assert.NotNull(rows[0].ParkedAt);
        Assert.Equal(2, rows[0].Attempts);
        Assert.NotNull(rows[1].SentAt);
        Assert.Equal(1, await EffectsAsync("second:p-healthy"));
    }

    private Task<int> EffectsAsync(string key) => _file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = key });

    private Task CommitAsync(string personId) =>
        _file.Database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, new PersonRegistered
        {
            PersonId = personId, RegisteredByAgency = "outreach-bristol", OccurredAt = DateTimeOffset.UtcNow,
        }));
}
