namespace Platform.Housing.Domain;

/// <summary>Where a person lived from a given time, until the next point of her history.</summary>
public sealed record AddressPoint(string LocalAuthority, DateTimeOffset Since);

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
/// last 5 years. (Close family there is not in the history, so it is not computed.)
/// </summary>
public static class LocalConnection
{
    public static IReadOnlySet<string> Areas(IEnumerable<AddressPoint> history, DateTimeOffset now, LocalConnectionOptions options)
    {
        var points = history.OrderBy(p => p.Since).ToList();
        var recent = TimeIn(points, now.AddMonths(-options.RecentWindowMonths), now);
        var longer = TimeIn(points, now.AddYears(-options.LongWindowYears), now);
        var recentNeeded = now - now.AddMonths(-options.RecentRequiredMonths);
        var longNeeded = now - now.AddYears(-options.LongRequiredYears);
        return recent.Where(a => a.Value >= recentNeeded).Select(a => a.Key)
            .Concat(longer.Where(a => a.Value >= longNeeded).Select(a => a.Key))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Time spent in each area between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> TimeIn(IReadOnlyList<AddressPoint> ordered, DateTimeOffset from, DateTimeOffset to)
    {
        var time = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var start = Max(ordered[i].Since, from);
            var end = Min(i + 1 < ordered.Count ? ordered[i + 1].Since : to, to);
            if (end > start)
            {
                time[ordered[i].LocalAuthority] = time.GetValueOrDefault(ordered[i].LocalAuthority) + (end - start);
            }
        }
        return time;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
