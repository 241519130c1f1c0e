using System.Globalization;
using System.Text;

namespace Platform.Load;

/// <summary>The Markdown the suite prints (and writes with --out): the machine, then one table per run.</summary>
public static class Report
{
    public static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return $"{Environment.ProcessorCount} × {model}";
    }

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine, how much else was running.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string Table(int run, IEnumerable<Row> rows) => Table($"Run {run}", rows);

    public static string Table(string title, IEnumerable<Row> rows)
    {
        var table = new StringBuilder($"### {title}\n\n| path | measured | the stack's reference, same run | ratio | target | CPU per process (% of one core) |\n|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {row.Path} | {row.Measured} | {row.Reference} | {row.Ratio} | {row.Target} | {row.Cpu} |\n");
        }
        return table.ToString();
    }

    public static string Rate(LoadResult result) =>
        Invariant($"{result.PerSecond:N0} req/s, p50 {Ms(result.Latency.Percentile(50))}, p99 {Ms(result.Latency.Percentile(99))}")
        + (result.Failures > 0 ? Invariant($", {result.Failures} failed") : "");

    public static string Ms(double milliseconds) => milliseconds < 10 ? Invariant($"{milliseconds:0.00} ms") : Invariant($"{milliseconds:0} ms");

    /// <summary>A difference of latencies, signed: on a busy machine the direct path can come out slower.</summary>
    public static string Added(double milliseconds) => (milliseconds < 0 ? "−" : "+") + Ms(Math.Abs(milliseconds));

    public static string Seconds(TimeSpan time) => Invariant($"{time.TotalSeconds:0.0} s");

    public static string Times(double ratio) => double.IsFinite(ratio) ? Invariant($"{ratio:0.00}×") : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
