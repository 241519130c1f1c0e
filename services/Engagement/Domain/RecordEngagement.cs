namespace Platform.Engagement.Domain;

/// <summary>
/// One record's current contacts, summed up for the engagement rules (<see cref="EngagementFacts.Of"/>):
/// its first contact, its last success and last unsuccessful attempt, and the attempts after its own
/// last success (all of them if it has none).
/// </summary>
public sealed record RecordEngagement(
    DateTimeOffset FirstContactAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt,
    IReadOnlyList<DateTimeOffset> AttemptsSinceOwnSuccess);
