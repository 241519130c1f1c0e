using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.Registry.Bench;

/// <summary>Latencies of one kind of query, in milliseconds, with what each query found.</summary>
internal sealed class Samples(string kind)
{
    private readonly List<double> _milliseconds = [];

    public string Kind { get; } = kind;

    public int Count => _milliseconds.Count;

    public long Hits { get; private set; }

    /// <summary>Queries whose intended person the caller may see.</summary>
    public int Visible { get; private set; }

    /// <summary>Of those, queries that returned the person anywhere in the ranked list / on the first page.</summary>
    public int Found { get; private set; }

    public int FoundOnFirstPage { get; private set; }

    public void Add(double milliseconds, int hits, bool visible, bool found, bool onFirstPage)
    {
        _milliseconds.Add(milliseconds);
        Hits += hits;
        if (visible)
        {
            Visible++;
            Found += found ? 1 : 0;
            FoundOnFirstPage += onFirstPage ? 1 : 0;
        }
    }

    public void AddRange(Samples other)
    {
        _milliseconds.AddRange(other._milliseconds);
        Hits += other.Hits;
        Visible += other.Visible;
        Found += other.Found;
        FoundOnFirstPage += other.FoundOnFirstPage;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();

    public double Mean => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Average();
}

internal static class Report
{
    public static string Table(IReadOnlyList<Samples> kinds, double targetMs)
    {
        var all = new Samples("**all queries**");
        foreach (var kind in kinds)
        {
            all.AddRange(kind);
        }
        var text = new StringBuilder();
        text.AppendLine("| Query kind | n | p50 ms | p95 ms | p99 ms | max ms | mean hits | found (of visible) | p99 / target |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in kinds.Append(all))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Kind} | {s.Count} | {s.Percentile(50):0.0} | {s.Percentile(95):0.0} | {s.Percentile(99):0.0} | {s.Max:0.0} | " +
                $"{(double)s.Hits / Math.Max(1, s.Count):0.0} | {Recall(s)} | {s.Percentile(99) / targetMs:0.00} |");
        }
        return text.ToString();
    }

    private static string Recall(Samples s) => s.Visible == 0 ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{100.0 * s.Found / s.Visible:0}% ({100.0 * s.FoundOnFirstPage / s.Visible:0}% p1)");

    public static double Milliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
