using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Options;
using Platform.IntegrationEvents;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>How the outbox dispatcher hands one event on, and whose fault a failure is.</summary>
public interface IOutboxDelivery
{
    /// <summary>
    /// True when a failure says something about the row (its consumers failed on it), so it is
    /// charged to the row and parks it at the limit; false when it says the transport is down, which
    /// is no row's fault: the round stops and the row is never parked for it.
    /// </summary>
    bool FailureIsTheRows { get; }

    Task DeliverAsync(IntegrationEvent message, Guid messageId, CancellationToken cancellationToken);
}

/// <summary>
/// Through the bus (RabbitMQ, publisher confirms on): delivered once the broker holds it, in a
/// durable queue per consumer; the consumers' retries and _error queues take over from there.
/// </summary>
public sealed class BusDelivery(IBus bus, IOptions<OutboxOptions> options) : IOutboxDelivery
{
    public bool FailureIsTheRows => false;

    public async Task DeliverAsync(IntegrationEvent message, Guid messageId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(message, message.GetType(), context => context.MessageId = messageId, timeout.Token);
    }
}

/// <summary>
/// In one process (standalone): the consumers run inline and the call returns when every one of
/// them has committed, or throws if one failed. Only then is the row marked sent, so a process killed
/// with events in flight delivers them again after a restart, and the inboxes absorb the repeats.
/// </summary>
public sealed class MediatorDelivery(IMediator mediator) : IOutboxDelivery
{
    public bool FailureIsTheRows => true;

    public Task DeliverAsync(IntegrationEvent message, Guid messageId, CancellationToken cancellationToken) =>
        mediator.Publish(message, message.GetType(), context => context.MessageId = messageId, cancellationToken);
}
