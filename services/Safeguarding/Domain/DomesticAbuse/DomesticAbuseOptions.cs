namespace Platform.Safeguarding.Domain.DomesticAbuse;

/// <summary>
/// The thresholds of the DASH levels and the MARAC criteria (configuration section
/// <c>Safeguarding:DomesticAbuse</c>), with the SafeLives values as defaults.
/// </summary>
public sealed class DomesticAbuseOptions
{
    /// <summary>"Yes" answers at or above which the level is high (visible high risk).</summary>
    public int HighThreshold { get; set; } = 14;

    /// <summary>"Yes" answers at or above which the level is medium (below: standard).</summary>
    public int MediumThreshold { get; set; } = 10;

    /// <summary>Incidents within <see cref="EscalationWindowMonths"/> that are potential escalation.</summary>
    public int EscalationIncidents { get; set; } = 3;

    public int EscalationWindowMonths { get; set; } = 12;

    /// <summary>An incident within this many months of the last MARAC referral is a repeat.</summary>
    public int RepeatWindowMonths { get; set; } = 12;

    /// <summary>A checklist file to use instead of the built-in one (same shape as dash-checklist.json).</summary>
    public string? ChecklistPath { get; set; }
}
