using MassTransit;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Immediate in-process retries for passing faults (a locked database, a broker blip); after the
/// last one the message goes to the endpoint's _error queue, where it stays until someone acts.
/// </summary>
internal static class RetryPolicy
{
    public static void Configure(IRetryConfigurator retry) =>
        retry.Intervals(
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(2),
            TimeSpan.FromSeconds(5));

    /// <summary>
    /// Consumers run inline (the mediator): two quick retries, then the failure goes back to the
    /// outbox, which tries the row again later with backoff and parks it at its limit.
    /// </summary>
    public static void ConfigureInline(IRetryConfigurator retry) =>
        retry.Intervals(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
}
