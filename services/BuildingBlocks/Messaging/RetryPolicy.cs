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
}
