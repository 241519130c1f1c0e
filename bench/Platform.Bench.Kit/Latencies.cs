namespace Platform.Bench;

/// <summary>Timings of one kind of call, in milliseconds.</summary>
public sealed class Latencies(string name)
{
    private readonly List<double> _ms = [];

    public string Name { get; } = name;

    public void Add(TimeSpan elapsed) => _ms.Add(elapsed.TotalMilliseconds);

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string Row(double targetMs) =>
        $"| {Name} | {_ms.Count} | {Percentile(50):0.0} | {Percentile(99):0.0} | {_ms.Max():0.0} | {Percentile(99) / targetMs:0.00} |";
}
