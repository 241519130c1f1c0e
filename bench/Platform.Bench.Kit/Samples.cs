using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>Latencies of one kind of call, in milliseconds, and the table the benchmarks report them in.</summary>
public sealed class Samples(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public int Count => _milliseconds.Count;

    public void Add(long startTimestamp) => _milliseconds.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void AddMilliseconds(double milliseconds) => _milliseconds.Add(milliseconds);

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Table(IEnumerable<Samples> rows, double targetMs) =>
        "| path | n | p50 ms | p95 ms | p99 ms | max ms | target ms |\n|---|---:|---:|---:|---:|---:|---:|\n" +
        string.Concat(rows.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"| {s.Name} | {s._milliseconds.Count} | {s.Percentile(50):0.00} | {s.Percentile(95):0.00} | {s.Percentile(99):0.00} | {s._milliseconds.Max():0.00} | {targetMs} |\n")));
}
