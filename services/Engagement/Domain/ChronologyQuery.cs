namespace Platform.Engagement.Domain;

/// <summary>
/// Which entries of a chronology to read: a period (from inclusive, until exclusive), agencies,
/// kinds and themes (any of each; none means all), and significant events only.
/// </summary>
public sealed record ChronologyQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Until { get; init; }
    public IReadOnlyList<string> Agencies { get; init; } = [];
    public IReadOnlyList<string> Kinds { get; init; } = [];
    public IReadOnlyList<string> Themes { get; init; } = [];
    public bool SignificantOnly { get; init; }
    public bool NewestFirst { get; init; }

    /// <summary>Start after this entry (the keyset of the previous page's last entry).</summary>
    public ChronologyPosition? After { get; init; }
}

public sealed record ChronologyPosition(DateTimeOffset OccurredAt, string EntryId);
