using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Bench;

namespace Platform.Load;

/// <summary>What one row's load produced: latencies of the calls that completed in the measured window, its rate and failures.</summary>
public sealed record LoadResult(Samples Latency, double PerSecond, int Failures);

/// <summary>
/// Closed loop: on each channel a fixed number of calls in flight, each caller sending its next call as
/// soon as the last returns; a warm-up, then a measured window. Or open loop: calls started at a fixed
/// rate whatever the replies.
/// </summary>
public static class LoadLoop
{
    /// <param name="call">Makes call number n on a channel.</param>
    public static async Task<LoadResult> ClosedAsync(
        string name, GrpcChannel[] channels, int inFlight, TimeSpan warmUp, TimeSpan window, Func<GrpcChannel, int, Task> call)
    {
        var latency = new Samples(name);
        var failures = 0;
        var counter = 0;
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        async Task CallerAsync(GrpcChannel channel)
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(channel, Interlocked.Increment(ref counter));
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                if (started >= measureFrom && Stopwatch.GetTimestamp() <= stopAt)
                {
                    lock (latency)
                    {
                        latency.Add(started);
                    }
                }
            }
        }
        await Task.WhenAll(channels.SelectMany(channel => Enumerable.Range(0, inFlight).Select(_ => Task.Run(() => CallerAsync(channel)))));
        return new LoadResult(latency, latency.Count / window.TotalSeconds, failures);
    }

    /// <summary>Closed loop for a number of calls rather than a time: the rate is calls over the time they all took.</summary>
    public static async Task<LoadResult> CountedAsync(
        string name, GrpcChannel[] channels, int inFlight, int total, Func<GrpcChannel, int, Task> call)
    {
        var latency = new Samples(name);
        var failures = 0;
        var counter = 0;
        var started = Stopwatch.GetTimestamp();
        async Task CallerAsync(GrpcChannel channel)
        {
            for (var number = Interlocked.Increment(ref counter); number <= total; number = Interlocked.Increment(ref counter))
            {
                var callStarted = Stopwatch.GetTimestamp();
                try
                {
                    await call(channel, number);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                lock (latency)
                {
                    latency.Add(callStarted);
                }
            }
        }
        await Task.WhenAll(channels.SelectMany(channel => Enumerable.Range(0, inFlight).Select(_ => Task.Run(() => CallerAsync(channel)))));
        return new LoadResult(latency, latency.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, failures);
    }

    /// <summary>Starts <paramref name="total"/> calls at <paramref name="perSecond"/>, round robin over the channels, and waits for them all.</summary>
    public static async Task<int> OpenAsync(GrpcChannel[] channels, double perSecond, int total, Func<GrpcChannel, int, Task> call)
    {
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var calls = new List<Task>(total);
        for (var n = 0; n < total; n++)
        {
            var wait = TimeSpan.FromSeconds(n / perSecond) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var number = n;
            calls.Add(Task.Run(async () =>
            {
                try
                {
                    await call(channels[number % channels.Length], number);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }
        await Task.WhenAll(calls);
        return failures;
    }
}
