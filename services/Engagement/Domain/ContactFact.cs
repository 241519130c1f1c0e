namespace Platform.Engagement.Domain;

/// <summary>Whether contact was made. Only <see cref="Made"/> is a successful contact.</summary>
public enum ContactOutcome
{
    Made,
    Attempted,
    Declined,
}

/// <summary>The part of a contact the engagement rules read.</summary>
public sealed record ContactFact(DateTimeOffset At, ContactOutcome Outcome, bool SeenAlone);
