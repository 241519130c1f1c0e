using Grpc.Core;

namespace Platform.Faults.Tests;

/// <summary>
/// How the workload calls: each call with the caller's token and a deadline, and retried for as long
/// as its outcome is unknown (a process or the broker down, a deadline, a reset stream), counting the
/// retries. Any other failure is the run's.
/// </summary>
public sealed partial class Workload
{
    private static readonly StatusCode[] UnknownOutcomes =
    [
        StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.Unknown, StatusCode.Internal,
        StatusCode.Cancelled, StatusCode.ResourceExhausted,
    ];

    private async Task<T> Retry<T>(Func<CallOptions, Task<T>> call, Metadata auth, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call(Options(auth, cancellationToken));
            }
            catch (RpcException error) when (IsUnknownOutcome(error))
            {
                await BackOffAsync(cancellationToken);
            }
        }
    }

    private static bool IsUnknownOutcome(RpcException error) => UnknownOutcomes.Contains(error.StatusCode);

    private async Task BackOffAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _retries);
        await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)), cancellationToken);
    }

    private static CallOptions Options(Metadata auth, CancellationToken cancellationToken) =>
        new(auth, DateTime.UtcNow.AddSeconds(20), cancellationToken);

    private static Metadata Auth(string role, string subject) =>
        new() { { "authorization", "Bearer " + FaultRun.Token(role, subject) } };
}
