using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// Copies of the platform on one broker (test hosts of different test assemblies, developers)
/// are kept apart by <c>Messaging:QueuePrefix</c>: it prefixes the exchange MassTransit names after
/// each message type as well as the queues, so a copy receives only the events of hosts with its
/// own prefix, and hosts with one prefix (a registry and an engagement of one copy) do receive each
/// other's.
/// </summary>
public sealed class SharedBrokerTests
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Hosts_with_different_prefixes_do_not_see_each_others_events_and_hosts_with_one_prefix_do()
    {
        Infrastructure.RequireRabbitMq();
        var run = Guid.NewGuid().ToString("N")[..8];
        var prefixA = $"shared-a-{run}-";
        var prefixB = $"shared-b-{run}-";
        await using var file = await TempSqlite.MigratedAsync();
        try
        {
            await using var a1 = await StartAsync(file, prefixA);
            await using var a2 = await StartAsync(file, prefixA);
            await using var b = await StartAsync(file, prefixB);
            var keyA = "a-" + Guid.NewGuid().ToString("N");
            var keyB = "b-" + Guid.NewGuid().ToString("N");

            await a1.Bus.Publish(new BuildingBlocksProbe { Key = keyA });
            await b.Bus.Publish(new BuildingBlocksProbe { Key = keyB });

            await a1.Events.WaitForAsync<BuildingBlocksProbe>(p => p.Key == keyA, BrokerTimeout);
            await a2.Events.WaitForAsync<BuildingBlocksProbe>(p => p.Key == keyA, BrokerTimeout);
            await b.Events.WaitForAsync<BuildingBlocksProbe>(p => p.Key == keyB, BrokerTimeout);
            // Both probes have been routed by now; give a stray delivery time to show itself anyway.
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.DoesNotContain(b.Events.Of<BuildingBlocksProbe>(), p => p.Key == keyA);
            Assert.DoesNotContain(a1.Events.Of<BuildingBlocksProbe>(), p => p.Key == keyB);
            Assert.DoesNotContain(a2.Events.Of<BuildingBlocksProbe>(), p => p.Key == keyB);
            Assert.Single(a2.Events.Of<BuildingBlocksProbe>(), p => p.Key == keyA);
            Assert.True(await ExchangeExistsAsync(ProbeExchange(prefixA)), "the probe's exchange carries prefix A");
            Assert.True(await ExchangeExistsAsync(ProbeExchange(prefixB)), "the probe's exchange carries prefix B");
        }
        finally
        {
            await DeleteExchangesAsync(ProbeExchange(prefixA), ProbeExchange(prefixB));
        }
    }

    private static string ProbeExchange(string prefix) => prefix + typeof(BuildingBlocksProbe).Namespace + ":" + nameof(BuildingBlocksProbe);

    private static Task<BusHost> StartAsync(TempSqlite file, string prefix) =>
        BusHost.StartAsync(file.Database, (services, instance) =>
            services.AddSingleton(new ConsumerRegistration(typeof(RecordingConsumer<BuildingBlocksProbe>), instance + "-record-probe", Temporary: true)),
            rabbitMq: true,
            configuration: new Dictionary<string, string?> { ["Messaging:QueuePrefix"] = prefix });

    private static async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { HostName = Infrastructure.RabbitMqHost, Port = 5672, UserName = "guest", Password = "guest" }
            .CreateConnectionAsync();

    private static async Task<bool> ExchangeExistsAsync(string exchange)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
            return true;
        }
        catch (OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>Message type exchanges are durable: remove this test's so that they do not collect on the shared broker.</summary>
    private static async Task DeleteExchangesAsync(params string[] exchanges)
    {
        await using var connection = await ConnectAsync();
        foreach (var exchange in exchanges)
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.ExchangeDeleteAsync(exchange, ifUnused: false);
        }
    }
}
