namespace Platform.Load;

/// <summary>
/// Whether the runtime is still compiling the code a row exercises. A .NET process recompiles hot
/// methods with optimisations (tiered compilation and its profile-guided tier) on a background thread
/// named ".NET Tiered Compilation Worker", and under load here that took 20–25 s and a quarter of a
/// core (docs/benchmarks.md, "Where the time goes"): a window measured during it measures the compiler.
/// So a row's warm-up lasts until that thread, in every process of the stack, is all but idle.
/// </summary>
public sealed class JitSettling(IEnumerable<int> processIds)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);
    private const double Idle = 0.05;
    private readonly int[] _processIds = [.. processIds];

    /// <summary>
    /// Waits until the tier-up threads have used less than <see cref="Idle"/> of a core over the last
    /// <see cref="Quiet"/> (they never quite stop: a timer's first run compiles something), or
    /// <see cref="Longest"/> has passed.
    /// </summary>
    /// <returns>How long it waited.</returns>
    public async Task<TimeSpan> WaitAsync()
    {
        var started = DateTime.UtcNow;
        var readings = new Queue<(DateTime At, long Ticks)>();
        readings.Enqueue((started, Ticks()));
        while (DateTime.UtcNow - started < Longest)
        {
            await Task.Delay(250);
            var now = (At: DateTime.UtcNow, Ticks: Ticks());
            readings.Enqueue(now);
            while (now.At - readings.Peek().At > Quiet)
            {
                readings.Dequeue();
            }
            var (at, ticks) = readings.Peek();
            if (now.At - at >= Quiet - TimeSpan.FromMilliseconds(300) && (now.Ticks - ticks) / Cpu.TicksPerSecond < Idle * (now.At - at).TotalSeconds)
            {
                break;
            }
        }
        return DateTime.UtcNow - started;
    }

    /// <summary>CPU ticks of the tier-up threads of the processes, from /proc/&lt;pid&gt;/task/*/.</summary>
    private long Ticks()
    {
        long ticks = 0;
        foreach (var pid in _processIds)
        {
            foreach (var task in SafeDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                    {
                        ticks += Cpu.StatTicks(Path.Combine(task, "stat"));
                    }
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        return ticks;
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
