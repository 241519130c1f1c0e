using System.Threading.Channels;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>Wakes the outbox dispatcher after a commit; a missed wake-up costs one poll interval.</summary>
internal sealed class OutboxSignal
{
    // Capacity one, extra wake-ups dropped: many commits during one dispatch cause one more round.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval elapsed.
        }
    }
}
