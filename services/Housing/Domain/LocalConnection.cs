namespace Platform.Housing.Domain;

/// <summary>She lived in an area from a time until a time (null: she still lives there).</summary>
public sealed record Residence(string LocalAuthority, DateTimeOffset From, DateTimeOffset? Until);

/// <summary>The usual local-connection test; the defaults are the figures in the statutory guidance.</summary>
public sealed class LocalConnectionOptions
{
    public int RecentWindowMonths { get; set; } = 12;
    public int RecentRequiredMonths { get; set; } = 6;
    public int LongWindowYears { get; set; } = 5;
    public int LongRequiredYears { get; set; } = 3;
}

/// <summary>
/// Local connection from address history: living in an area 6 of the last 12 months, or 3 of the
/// last 5 years. (Close family there is not in the history, so it is not computed.) The history is
/// the registry's, periods with their ends, so a gap between addresses counts for no area and two
/// records of one stay are counted once. A confidential address is never in it.
/// </summary>
public static class LocalConnection
{
    public static IReadOnlySet<string> Areas(IEnumerable<Residence> history, DateTimeOffset now, LocalConnectionOptions options)
    {
        var periods = history.ToList();
        var recent = TimeIn(periods, now.AddMonths(-options.RecentWindowMonths), now);
        var longer = TimeIn(periods, now.AddYears(-options.LongWindowYears), now);
        var recentNeeded = now - now.AddMonths(-options.RecentRequiredMonths);
        var longNeeded = now - now.AddYears(-options.LongRequiredYears);
        return recent.Where(a => a.Value >= recentNeeded).Select(a => a.Key)
            .Concat(longer.Where(a => a.Value >= longNeeded).Select(a => a.Key))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Time spent in each area between <paramref name="from"/> and <paramref name="to"/>, overlapping stays counted once.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> TimeIn(IEnumerable<Residence> history, DateTimeOffset from, DateTimeOffset to) =>
        history.GroupBy(r => r.LocalAuthority, StringComparer.Ordinal)
            .Select(area => (area.Key, Time: Covered(area.Select(r => (Start: Max(r.From, from), End: Min(r.Until ?? to, to))))))
            .Where(area => area.Time > TimeSpan.Zero)
            .ToDictionary(area => area.Key, area => area.Time, StringComparer.Ordinal);

    private static TimeSpan Covered(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? reached = null;
        foreach (var (start, end) in spans.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            var counted = reached is { } r && r > start ? r : start;
            if (end > counted)
            {
                total += end - counted;
                reached = end;
            }
        }
        return total;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
