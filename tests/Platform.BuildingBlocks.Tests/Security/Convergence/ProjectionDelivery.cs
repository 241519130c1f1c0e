using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents;

namespace Platform.BuildingBlocks.Tests.Security.Convergence;

/// <summary>
/// Delivers what a service's outbox published to the access projection's own consumers, as a broker
/// with one queue per consumer may: in any order, some messages more than once (a redelivery after
/// a crash, with the same message id). Whatever consumers the projection declares are the ones used.
/// </summary>
public static class ProjectionDelivery
{
    internal const string SelectPublished =
        "SELECT seq AS Seq, message_id AS MessageId, message_type AS MessageType, payload AS Payload FROM outbox_messages WHERE seq > @After ORDER BY seq";

    internal const string SelectLastSeq = "SELECT COALESCE(MAX(seq), 0) FROM outbox_messages";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly IReadOnlyList<Type> Consumers = new ServiceCollection()
        .AddPersonAccessProjection<TestDatabase>("convergence")
        .Where(descriptor => descriptor.ServiceType == typeof(ConsumerRegistration))
        .Select(descriptor => ((ConsumerRegistration)descriptor.ImplementationInstance!).ConsumerType)
        .ToList();

    public sealed record Published(Guid MessageId, object Message);

    public sealed class PublishedRow
    {
        public long Seq { get; set; }
        public string MessageId { get; set; } = "";
        public string MessageType { get; set; } = "";
        public string Payload { get; set; } = "";
    }

    public static async Task<long> LastSeqAsync(ServiceDatabase publisher)
    {
        await using var db = await publisher.OpenAsync();
        return await db.ExecuteScalarAsync<long>(SelectLastSeq);
    }

    /// <summary>The events the publisher's outbox holds after <paramref name="after"/>, as consumers receive them.</summary>
    public static async Task<IReadOnlyList<Published>> PublishedAfterAsync(ServiceDatabase publisher, long after)
    {
        await using var db = await publisher.OpenAsync();
        var rows = await db.QueryAsync<PublishedRow>(SelectPublished, new { After = after });
        return rows.Select(row => new Published(Guid.Parse(row.MessageId),
            OutboxMessageTypes.Deserialize(row.MessageType, row.Payload))).ToList();
    }

    /// <summary>Every (message, consumer) delivery, a share of them twice, shuffled by <paramref name="random"/>, applied one by one.</summary>
    public static async Task DeliverShuffledAsync(IReadOnlyList<Published> published, TestDatabase projection, Random random)
    {
        var deliveries = published
            .SelectMany(message => Consumers.Where(consumer => Handles(consumer, message.Message.GetType())).Select(consumer => (message, consumer)))
            .ToList();
        deliveries.AddRange(deliveries.Where(_ => random.Next(3) == 0).ToList());
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));
        foreach (var (message, consumer) in deliveries)
        {
            await ConsumeAsync(Activator.CreateInstance(consumer, projection)!, message);
        }
    }

    private static bool Handles(Type consumer, Type message) => typeof(IConsumer<>).MakeGenericType(message).IsAssignableFrom(consumer);

    private static Task ConsumeAsync(object consumer, Published message)
    {
        var type = message.Message.GetType();
        var context = typeof(StubConsumeContext).GetMethod(nameof(StubConsumeContext.For))!.MakeGenericMethod(type)
            .Invoke(null, [message.Message, (Guid?)message.MessageId]);
        return (Task)typeof(IConsumer<>).MakeGenericType(type).GetMethod(nameof(IConsumer<object>.Consume))!.Invoke(consumer, [context])!;
    }
}
