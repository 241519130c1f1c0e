using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Domain;

/// <summary>The thresholds; configurable under <c>Engagement:Disengagement</c>.</summary>
public sealed class DisengagementOptions
{
    /// <summary>Unsuccessful attempts in a row (since the last successful contact).</summary>
    public int ConsecutiveAttempts { get; set; } = 3;

    /// <summary>Days without a successful contact for a person at high risk.</summary>
    public int HighRiskDays { get; set; } = 14;

    /// <summary>Days without a successful contact for everyone else.</summary>
    public int StandardDays { get; set; } = 30;

    /// <summary>How often every tracked person is checked (contacts are also checked as they arrive).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed record DisengagementFinding(string Rule, string Reason);

/// <summary>
/// Who is disengaging: too many failed attempts in a row, or too long without a successful contact
/// for their level of risk. Time without contact counts from the last success or, for someone never
/// reached, from the first attempt. The outcome is an alert to re-engage, never a case closure.
/// </summary>
public sealed class DisengagementRule(DisengagementOptions options)
{
    public const string ConsecutiveAttempts = "consecutive-attempts";
    public const string NoContactHighRisk = "no-contact-high-risk";
    public const string NoContact = "no-contact";
    public const string Requested = "requested";

    public DisengagementFinding? Evaluate(EngagementFacts facts, string riskLevel, DateTimeOffset now)
    {
        if (facts.AttemptsSinceSuccess >= options.ConsecutiveAttempts)
        {
            return new(ConsecutiveAttempts,
                $"{facts.AttemptsSinceSuccess} attempts in a row without a successful contact");
        }
        var highRisk = riskLevel == RiskLevels.High;
        var limit = TimeSpan.FromDays(highRisk ? options.HighRiskDays : options.StandardDays);
        var since = facts.LastSuccessAt ?? facts.FirstContactAt;
        if (now - since <= limit)
        {
            return null;
        }
        var days = (int)Math.Floor((now - since).TotalDays);
        var what = facts.LastSuccessAt is null
            ? $"not reached since the first attempt {days} days ago"
            : $"no successful contact for {days} days";
        return highRisk
            ? new(NoContactHighRisk, $"High risk: {what} (limit {options.HighRiskDays})")
            : new(NoContact, $"{Capitalise(what)} (limit {options.StandardDays})");
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
