using System.Diagnostics;
using Platform.BuildingBlocks.Security;
using Xunit.Abstractions;

namespace Platform.Faults.Tests;

/// <summary>
/// One run of the fault test: the writes, the faults interleaved with them at fixed points of
/// progress, the wait for the outboxes to drain, the verification, and the line of counts.
/// Sizes come from the environment so that a longer run needs no change:
/// <c>FAULTS_WRITES</c> (5000), <c>FAULTS_RATE</c> (writes started per second, 70),
/// <c>FAULTS_CALLERS</c> (16); the counts line is appended to <c>FAULTS_COUNTS_FILE</c> too.
/// </summary>
public sealed class FaultRun(string mode, ITestOutputHelper output)
{
    /// <summary>The Development key every process of the run shares, made for the run.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly List<string> _faults = [];

    public static int WritesWanted => Setting("FAULTS_WRITES", 5000);

    public static string Token(string role, string subject) =>
        DevelopmentTokens.Issue(new AuthOptions { SigningKey = SigningKey }, subject, role, Workload.Agency, Workload.AreaA, TimeSpan.FromHours(2));

    /// <summary>Seeds, then writes while each fault is applied when its share of the writes is done.</summary>
    public async Task<Workload> WriteThroughFaultsAsync(Workload workload, IReadOnlyList<(double AtShare, string Name, Func<Task> Apply)> faults)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        await workload.SeedAsync(people: 150, units: Math.Max(1, WritesWanted * 2 / 100), timeout.Token);
        Log($"seeded {workload.SeedPeople.Count} people and {workload.Units.Count} units, known to engagement and housing");
        var writes = WritesWanted;
        var running = workload.RunAsync(writes, Setting("FAULTS_CALLERS", 16), Setting("FAULTS_RATE", 70), timeout.Token);
        foreach (var (atShare, name, apply) in faults)
        {
            while (workload.Completed < atShare * writes && !running.IsCompleted)
            {
                await Task.Delay(50);
            }
            if (running.IsFaulted)
            {
                break; // awaited below, which throws why
            }
            var at = workload.Completed;
            var started = _elapsed.Elapsed;
            await apply();
            _faults.Add($"{name}@{at}");
            Log($"{name} at write {at} ({(_elapsed.Elapsed - started).TotalSeconds:F1} s)");
        }
        await running;
        Log($"{workload.Writes} writes acknowledged, {workload.Retries} retries");
        return workload;
    }

    /// <summary>Verifies until nothing is missing any more (the outboxes and queues drained) or the bound passes.</summary>
    public async Task<Verification> DrainAndVerifyAsync(Func<Verification> verify, TimeSpan bound)
    {
        var deadline = _elapsed.Elapsed + bound;
        var result = verify();
        while ((result.Lost > 0 || result.Problems.Count > 0) && result.Duplicated == 0 && _elapsed.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            result = verify();
        }
        Log($"verified after {_elapsed.Elapsed.TotalSeconds:F0} s");
        return result;
    }

    public void Report(Verification result, long errorQueued = 0)
    {
        var line = $"[fault-test] mode={mode} writes={result.Writes} events={result.Events} deliveries={result.Deliveries} " +
                   $"effects={result.Effects} lost={result.Lost} duplicated={result.Duplicated} error-queued={errorQueued} " +
                   $"faults={string.Join(',', _faults)} seconds={_elapsed.Elapsed.TotalSeconds:F0}";
        output.WriteLine(line);
        foreach (var problem in result.Problems)
        {
            output.WriteLine("  " + problem);
        }
        var file = Environment.GetEnvironmentVariable("FAULTS_COUNTS_FILE") ?? Path.Combine(Path.GetTempPath(), "platform-faults", "counts.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        lock (SigningKey)
        {
            File.AppendAllLines(file, [line, .. result.Problems.Select(p => "  " + p)]);
        }
    }

    public void Log(string message) => output.WriteLine($"[{_elapsed.Elapsed.TotalSeconds,6:F1} s] {message}");

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
