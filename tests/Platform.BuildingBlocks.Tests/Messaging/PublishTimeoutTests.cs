using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// A broker that stops answering without closing the connection leaves a publish waiting for a
/// confirm that never comes. Without a bound the dispatcher waited for ever and every later row of
/// the service with it (the fault test once saw 28 rows never sent). The delivery gives up after
/// <c>Messaging:Outbox:PublishTimeout</c>, as a transport failure the round retries, not the row's.
/// </summary>
public sealed class PublishTimeoutTests
{
    [SkippableFact]
    public async Task A_publish_whose_confirm_never_comes_fails_within_the_publish_timeout()
    {
        Infrastructure.RequireRabbitMq();
        await using var proxy = new FreezableProxy(Infrastructure.RabbitMqHost, 5672);
        await using var file = await TempSqlite.MigratedAsync();
        await using var bus = await BusHost.StartAsync(file.Database, (services, _) => services.AddOutboxDispatcher<TestDatabase>(), rabbitMq: true, configuration: new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Port"] = proxy.Port.ToString(),
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
        });
        var delivery = bus.Services.GetRequiredService<IOutboxDelivery>();
        Assert.IsType<BusDelivery>(delivery);
        Assert.False(delivery.FailureIsTheRows);
        // Through the relay while it flows: confirmed.
        await delivery.DeliverAsync(Shared(), Guid.NewGuid(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        proxy.Freeze();
        var clock = Stopwatch.StartNew();
        var publish = delivery.DeliverAsync(Shared(), Guid.NewGuid(), CancellationToken.None);
        var finished = await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(30)));
        clock.Stop();
        proxy.Thaw();

        Assert.True(finished == publish, "the publish was still waiting for its confirm after 30 s");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publish);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    private static RecordShared Shared() => new()
    {
        PersonId = "p-" + Guid.NewGuid().ToString("N"), Agency = "timeout-test", LawfulBasis = "test", OccurredAt = DateTimeOffset.UtcNow,
    };
}
