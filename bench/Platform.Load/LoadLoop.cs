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
    /// <param name="settling">When given, the warm-up also lasts until the runtime has stopped recompiling.</param>
    /// <param name="call">Makes call number n on a channel.</param>
    public static async Task<LoadResult> ClosedAsync(
        string name, GrpcChannel[] channels, int inFlight, TimeSpan warmUp, TimeSpan window, JitSettling? settling,
        Func<GrpcChannel, int, Task> call)
    {
        var latency = new Samples(name);
        var failures = 0;
        var counter = 0;
        // Both unknown until the warm-up ends: the callers run on meanwhile, measuring nothing.
        var measureFrom = long.MaxValue;
        var stopAt = long.MaxValue;
        Progress(name, $"warming up at least {warmUp.TotalSeconds:0.#} s");
        async Task CallerAsync(GrpcChannel channel)
        {
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(channel, Interlocked.Increment(ref counter));
                }
                catch (RpcException)
                {
                    if (started >= Volatile.Read(ref measureFrom))
                    {
                        Interlocked.Increment(ref failures);
                    }
                    continue;
                }
                if (started >= Volatile.Read(ref measureFrom) && Stopwatch.GetTimestamp() <= Volatile.Read(ref stopAt))
                {
                    lock (latency)
                    {
                        latency.Add(started);
                    }
                }
            }
        }
        var callers = channels.SelectMany(channel => Enumerable.Range(0, inFlight).Select(_ => Task.Run(() => CallerAsync(channel)))).ToList();
        await Task.Delay(warmUp);
        var compiling = settling is null ? TimeSpan.Zero : await settling.WaitAsync();
        var from = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, from + (long)(window.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref measureFrom, from);
        Progress(name, $"measuring {window.TotalSeconds:0.#} s (warmed up {(warmUp + compiling).TotalSeconds:0.#} s)");
        await Task.WhenAll(callers);
        return new LoadResult(latency, window > TimeSpan.Zero ? latency.Count / window.TotalSeconds : 0, failures);
    }

    /// <summary>Closed loop for a number of calls rather than a time: the rate is calls over the time they all took.</summary>
    public static async Task<LoadResult> CountedAsync(
        string name, GrpcChannel[] channels, int inFlight, int total, Func<GrpcChannel, int, Task> call)
    {
        var latency = new Samples(name);
        var failures = 0;
        var counter = 0;
        Progress(name, $"counting {total:N0} calls");
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

    /// <summary>
    /// A line on standard error as each row starts, with the wall-clock time, so that a profiler attached
    /// to a service (docs/benchmarks.md, "Where the time goes") can be lined up with the row it measured.
    /// </summary>
    public static void Progress(string name, string what) =>
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {name}: {what}");

    /// <summary>Starts <paramref name="total"/> calls at <paramref name="perSecond"/>, round robin over the channels, and waits for them all.</summary>
    public static async Task<int> OpenAsync(GrpcChannel[] channels, double perSecond, int total, Func<GrpcChannel, int, Task> call)
    {
        var failures = 0;
        Progress("open loop", $"{total:N0} calls at {perSecond:0.#}/s");
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
