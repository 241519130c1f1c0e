namespace Platform.IntegrationEvents.Safeguarding;

/// <summary>
/// A person's shared risk level changed (a DASH checklist, or professional judgement raising it).
/// Engagement tightens its disengagement rule for high risk; housing re-checks open offers.
/// </summary>
[EventType("safeguarding.risk-level-changed.v1")]
public sealed record RiskLevelChanged : IntegrationEvent
{
    public required string PersonId { get; init; }

    /// <summary>One of <see cref="RiskLevels"/>.</summary>
    public required string RiskLevel { get; init; }

    public string? PreviousRiskLevel { get; init; }

    /// <summary>The agency that assessed it.</summary>
    public required string Agency { get; init; }
}

/// <summary>The DASH risk levels, lowest first; "standard" is also what a person without an assessment has.</summary>
public static class RiskLevels
{
    public const string Standard = "standard";
    public const string Medium = "medium";
    public const string High = "high";

    private static readonly string[] Ordered = [Standard, Medium, High];

    public static IReadOnlyList<string> All => Ordered;

    /// <summary>0 for standard, 2 for high, -1 for a value that is not a risk level.</summary>
    public static int Rank(string? level) => level is null ? -1 : Array.IndexOf(Ordered, level);
}
