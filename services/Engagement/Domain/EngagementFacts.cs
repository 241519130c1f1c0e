namespace Platform.Engagement.Domain;

/// <summary>
/// A person's engagement as the rules see it, from their current contacts (amended ones replaced
/// by their amendments). A declined contact counts as an unsuccessful attempt: the person was
/// reached but did not engage, which is what assertive outreach is for.
/// </summary>
public sealed record EngagementFacts(
    DateTimeOffset FirstContactAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt,
    int AttemptsSinceSuccess)
{
    /// <summary>Null when there are no contacts: nobody is tracked before their first contact.</summary>
    public static EngagementFacts? From(IReadOnlyCollection<ContactFact> contacts)
    {
        if (contacts.Count == 0)
        {
            return null;
        }
        var successes = contacts.Where(c => c.Outcome == ContactOutcome.Made).Select(c => c.At).ToList();
        DateTimeOffset? lastSuccess = successes.Count == 0 ? null : successes.Max();
        var attempts = contacts.Where(c => c.Outcome != ContactOutcome.Made).ToList();
        return new EngagementFacts(
            contacts.Min(c => c.At),
            lastSuccess,
            attempts.Count == 0 ? null : attempts.Max(c => c.At),
            attempts.Count(c => lastSuccess is null || c.At > lastSuccess));
    }

    /// <summary>
    /// The same facts for a group of linked records, from each record's summary rather than every
    /// contact (<see cref="RecordEngagement"/>): the group's last success is the latest of theirs, and
    /// the attempts since it are among the attempts each record had since its own.
    /// </summary>
    public static EngagementFacts? Of(IReadOnlyCollection<RecordEngagement> records)
    {
        if (records.Count == 0)
        {
            return null;
        }
        var lastSuccess = records.Max(r => r.LastSuccessAt);
        return new EngagementFacts(
            records.Min(r => r.FirstContactAt),
            lastSuccess,
            records.Max(r => r.LastAttemptAt),
            records.Sum(r => r.AttemptsSinceOwnSuccess.Count(at => lastSuccess is null || at > lastSuccess)));
    }

    /// <summary>Whole days since the last successful contact; null if there has never been one.</summary>
    public int? DaysSinceLastSuccess(DateTimeOffset now) =>
        LastSuccessAt is { } at ? (int)Math.Floor((now - at).TotalDays) : null;
}
