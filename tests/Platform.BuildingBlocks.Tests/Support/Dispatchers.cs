using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>Outbox dispatchers the tests drive one batch at a time, through the bus or inline consumers.</summary>
public static class Dispatchers
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static OutboxMetrics Metrics { get; } = new(Meters);

    public static OutboxDispatcher<TestDatabase> ThroughBus(TestDatabase database, IBus bus, OutboxOptions? options = null) =>
        Create(database, new BusDelivery(bus, Options.Create(options ?? new OutboxOptions())), options);

    public static OutboxDispatcher<TestDatabase> Create(TestDatabase database, IOutboxDelivery delivery, OutboxOptions? options = null) =>
        new(database, delivery, Options.Create(options ?? new OutboxOptions()), Metrics, TimeProvider.System, NullLogger<OutboxDispatcher<TestDatabase>>.Instance);
}
