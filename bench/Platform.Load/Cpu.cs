using System.Diagnostics;
using System.Globalization;

namespace Platform.Load;

/// <summary>CPU time of each process from /proc/&lt;pid&gt;/stat, taken before and after a row.</summary>
public sealed class Cpu
{
    // utime and stime are in clock ticks; USER_HZ is 100 on Linux.
    internal const double TicksPerSecond = 100;
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, long> _ticks;
    private readonly long _started = Stopwatch.GetTimestamp();

    private Cpu(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _ticks = processes.ToDictionary(p => p.Key, p => Ticks(p.Value));
    }

    public static Cpu Start(IReadOnlyDictionary<string, int> processes) => new(processes);

    /// <summary>Each process's share of one core since <see cref="Start"/>, busiest first, those above 2 %.</summary>
    public string Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var shares = _processes
            .Select(p => (Name: p.Key, Percent: (Ticks(p.Value) - _ticks[p.Key]) / TicksPerSecond / seconds * 100))
            .Where(p => p.Percent >= 2)
            .OrderByDescending(p => p.Percent);
        return string.Join(", ", shares.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Percent:0} %")));
    }

    private static long Ticks(int pid) => StatTicks($"/proc/{pid}/stat");

    /// <summary>User and system CPU ticks from a /proc stat file, a process's or one of its threads' (<c>task/&lt;tid&gt;/stat</c>).</summary>
    internal static long StatTicks(string path)
    {
        var stat = File.ReadAllText(path);
        // The command name is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
