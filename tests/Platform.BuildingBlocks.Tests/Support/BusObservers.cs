using System.Collections.Concurrent;
using MassTransit;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>Every publish the bus completed, in the order it completed them.</summary>
public sealed class PublishLog : IPublishObserver
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _published = new();

    public IReadOnlyList<(Guid? MessageId, T Message)> Of<T>() where T : class =>
        _published.Where(p => p.Message is T).Select(p => (p.MessageId, (T)p.Message)).ToList();

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _published.Enqueue((context.MessageId, context.Message));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>Every delivery a consumer finished (successfully or not), by message id.</summary>
public sealed class ConsumeLog : IConsumeObserver
{
    private readonly ConcurrentQueue<(Guid? MessageId, Exception? Fault)> _deliveries = new();

    /// <summary>Deliveries of this message id that the consumer completed without an exception.</summary>
    public int Completed(Guid messageId) => _deliveries.Count(d => d.MessageId == messageId && d.Fault is null);

    public int Faulted(Guid messageId) => _deliveries.Count(d => d.MessageId == messageId && d.Fault is not null);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _deliveries.Enqueue((context.MessageId, null));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _deliveries.Enqueue((context.MessageId, exception));
        return Task.CompletedTask;
    }
}
