using System.Collections.Concurrent;
using MassTransit;

namespace Platform.Testing;

/// <summary>Every event of the recorded types that reached the bus, in arrival order.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received = new();

    public void Add(Guid? messageId, object message) => _received.Enqueue((messageId, message));

    public IReadOnlyList<T> Of<T>() => _received.Select(r => r.Message).OfType<T>().ToList();

    /// <summary>Waits until an event of type T satisfying the predicate has arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = Of<T>().FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {typeof(T).Name} matching the condition arrived in time.");
    }
}

/// <summary>A consumer that hands what it receives to the recorder.</summary>
public sealed class RecordingConsumer<T>(EventRecorder recorder) : IConsumer<T> where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        recorder.Add(context.MessageId, context.Message);
        return Task.CompletedTask;
    }
}
