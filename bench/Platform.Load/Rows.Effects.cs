using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Net.Client;
using Platform.Bench;
using static Platform.Load.Report;

namespace Platform.Load;

/// <summary>Write → effect: how long after the registry answers a registration the person is in engagement's and housing's access projections.</summary>
public sealed partial class Rows
{
    private static readonly TimeSpan EffectLimit = TimeSpan.FromMinutes(2);

    /// <summary>Registers <paramref name="count"/> people and waits until engagement and housing have heard of them, for the rows that read them.</summary>
    private async Task<string[]> RegisterAndWaitAsync(GrpcChannel[] gateway, int count)
    {
        var ids = new ConcurrentBag<string>();
        await LoadLoop.CountedAsync("seed", gateway, options.InFlight, count, async (channel, _) =>
        {
            if (await Register(channel) is { } id)
            {
                ids.Add(id);
            }
        });
        await ProjectedAsync(ids.ToDictionary(id => id, _ => Stopwatch.GetTimestamp()), Task.CompletedTask);
        return [.. ids];
    }

    private async Task<Row> WriteToEffectAsync(GrpcChannel[] gateway, double perSecond)
    {
        var total = (int)(perSecond * options.EffectSeconds);
        var replied = new ConcurrentDictionary<string, long>();
        var cpu = Cpu.Start(stack.ProcessIds);
        var writes = LoadLoop.OpenAsync(gateway, perSecond, total, async (channel, _) =>
        {
            if (await Register(channel) is { } id)
            {
                replied[id] = Stopwatch.GetTimestamp();
            }
        });
        var (latency, missing) = await ProjectedAsync(replied, writes);
        var failures = await writes;
        var measured = latency.Count == 0
            ? "nothing reached both projections"
            : $"p50 {Ms(latency.Percentile(50))}, p99 {Ms(latency.Percentile(99))}, max {Ms(latency.Percentile(100))}";
        var notes = (missing, failures) switch
        {
            (0, 0) => "",
            _ => $"; {missing} not projected within {EffectLimit.TotalMinutes:0} min, {failures} calls failed",
        };
        return new Row($"write → effect: RegisterPerson at {perSecond:0}/s offered ({total} people) → engagement's and housing's access projections",
            measured + notes, "—", "", "p99 ≤ 250 ms at half the maximum write rate", cpu.Stop());
    }

    /// <summary>
    /// Follows both projections until, the <paramref name="writes"/> done, every person in
    /// <paramref name="replied"/> is in both; the latency of each is from the registry's reply to the
    /// later of the two.
    /// </summary>
    private async Task<(Samples Latency, int Missing)> ProjectedAsync(IDictionary<string, long> replied, Task writes)
    {
        var inEngagement = new ConcurrentDictionary<string, long>();
        var inHousing = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var watchers = Task.WhenAll(
            Task.Run(() => Databases.WatchProjectionAsync(Stack.Database(stack.Engagement, "engagement"), inEngagement, stop.Token)),
            Task.Run(() => Databases.WatchProjectionAsync(Stack.Database(stack.Housing, "housing"), inHousing, stop.Token)));
        var started = Stopwatch.GetTimestamp();
        bool Done() => writes.IsCompleted && replied.Keys.All(id => inEngagement.ContainsKey(id) && inHousing.ContainsKey(id));
        while (!Done() && Stopwatch.GetElapsedTime(started) < EffectLimit)
        {
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await watchers;
        var latency = new Samples("write → effect");
        foreach (var (id, reply) in replied.ToArray())
        {
            if (inEngagement.TryGetValue(id, out var engagement) && inHousing.TryGetValue(id, out var housing))
            {
                latency.AddMilliseconds(Math.Max(0, Stopwatch.GetElapsedTime(reply, Math.Max(engagement, housing)).TotalMilliseconds));
            }
        }
        return (latency, replied.Count - latency.Count);
    }
}
