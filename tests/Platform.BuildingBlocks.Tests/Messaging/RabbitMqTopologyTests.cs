using System.Text;
using MassTransit;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Testing;
using RabbitMQ.Client.Exceptions;
using RabbitMQ.Client;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// Production's queue settings (Messaging:RabbitMq:QuorumQueues) on a real broker: nothing that
/// fails is dropped, whether the consumer throws or the message outlives its delivery limit.
/// Every probe endpoint subscribes to every published probe, so assertions look only at this
/// test's own message.
/// </summary>
public sealed class RabbitMqTopologyTests
{
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Message_redelivered_past_the_quorum_queue_delivery_limit_is_kept_in_the_error_queue()
    {
        Infrastructure.RequireRabbitMq();
        await using var file = await TempSqlite.MigratedAsync();
        await using var bus = await StartAsync(file, deliveryLimit: 2);
        var endpoint = $"{bus.InstanceName}-probe-effect";
        // With the bus stopped, play the part of a consumer process that crashes on the message every time.
        await bus.StopAsync();
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var body = Encoding.UTF8.GetBytes("""{"message":{"key":"k-poison"}}""");

        await channel.BasicPublishAsync("", endpoint, mandatory: true, new BasicProperties { Persistent = true }, body);
        var deliveries = 0;
        BasicGetResult? dead = null;
        await Eventually.HoldsAsync(async () =>
        {
            var delivery = await channel.BasicGetAsync(endpoint, autoAck: false);
            if (delivery is not null)
            {
                deliveries++;
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
                return false;
            }
            // Other tests' probes, published while this queue was still bound, may be dead-lettered too.
            dead = await TryGetAsync(connection, endpoint + "_error");
            return dead is not null && dead.Body.Span.SequenceEqual(body);
        }, "the message went past its delivery limit and reached the error queue", TimeSpan.FromSeconds(15));

        Assert.True(deliveries > 0);
        Assert.Equal(body, dead!.Body.ToArray());
    }

    [SkippableFact]
    public async Task Consumer_that_keeps_failing_moves_the_message_to_the_error_queue_of_a_quorum_endpoint()
    {
        Infrastructure.RequireRabbitMq();
        await using var file = await TempSqlite.MigratedAsync();
        await file.ExecuteAsync(EffectProbe.CreateTable);
        await using var bus = await StartAsync(file, deliveryLimit: 20);
        var endpoint = $"{bus.InstanceName}-probe-effect";
        var key = "k-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid();
        bus.Probe.FailTimes(key, int.MaxValue);
        var message = new BuildingBlocksProbe { Key = key };

        await bus.Bus.Publish(message, context => context.MessageId = messageId);
        await using var connection = await ConnectAsync();
        BasicGetResult? failed = null;
        await Eventually.HoldsAsync(async () => (failed = await TryGetAsync(connection, endpoint + "_error")) is not null,
            "the failed message reached the error queue", BrokerTimeout);

        Assert.Equal(messageId.ToString(), failed!.BasicProperties.MessageId);
        Assert.Equal(5, bus.Probe.Calls(key));
        Assert.Equal(0, await file.ScalarAsync<int>(EffectProbe.CountFor, new { Key = key }));
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = messageId.ToString() }));
    }

    private static Task<BusHost> StartAsync(TempSqlite file, int deliveryLimit) =>
        BusHost.StartAsync(file.Database, (services, instance) => services.AddConsumer<ProbeEffect>(instance), rabbitMq: true,
            configuration: new Dictionary<string, string?>
            {
                ["Messaging:RabbitMq:QuorumQueues"] = "true",
                ["Messaging:RabbitMq:DeliveryLimit"] = deliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

    /// <summary>Takes one message off the queue; null while it is empty or does not exist yet.</summary>
    private static async Task<BasicGetResult?> TryGetAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: true);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { HostName = Infrastructure.RabbitMqHost, Port = 5672, UserName = "guest", Password = "guest" }
            .CreateConnectionAsync();
}
