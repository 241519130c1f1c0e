using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.DomesticAbuse;

/// <summary>What the MARAC criteria look at: the assessment (if any), the incidents, the last referral.</summary>
public sealed record MaracFacts(
    DateTimeOffset Now,
    DashResult? Assessment,
    IReadOnlyList<DateTimeOffset> Incidents,
    DateTimeOffset? LastMaracReferral);

public sealed record MaracCriterionMet(MaracCriterion Criterion, string Reason);

/// <summary>
/// The four MARAC referral criteria (SafeLives): visible high risk (14+ "yes"); professional
/// judgement (the assessor raised the level to high); potential escalation (3 or more incidents in
/// 12 months); repeat (an incident within 12 months of the last MARAC referral). Every criterion
/// that applies is returned, strongest first; none means no referral is recommended.
/// </summary>
public sealed class MaracCriteria(DomesticAbuseOptions options)
{
    public IReadOnlyList<MaracCriterionMet> Evaluate(MaracFacts facts)
    {
        var met = new List<MaracCriterionMet>();
        if (facts.Assessment is { } assessment)
        {
            if (assessment.Score >= options.HighThreshold)
            {
                met.Add(new(MaracCriterion.VisibleHighRisk,
                    $"visible high risk: {assessment.Score} \"yes\" answers (threshold {options.HighThreshold})"));
            }
            else if (assessment.JudgementRaisedToHigh)
            {
                met.Add(new(MaracCriterion.ProfessionalJudgement, "professional judgement raised the level to high"));
            }
        }
        var recent = CountSince(facts.Incidents, facts.Now.AddMonths(-options.EscalationWindowMonths), facts.Now);
        if (recent >= options.EscalationIncidents)
        {
            met.Add(new(MaracCriterion.PotentialEscalation,
                $"potential escalation: {recent} incidents in {options.EscalationWindowMonths} months (threshold {options.EscalationIncidents})"));
        }
        if (facts.LastMaracReferral is { } last && facts.Incidents.Any(at => IsRepeat(at, last)))
        {
            met.Add(new(MaracCriterion.Repeat,
                $"repeat: an incident within {options.RepeatWindowMonths} months of the last MARAC referral ({last:yyyy-MM-dd})"));
        }
        return met;
    }

    /// <summary>An incident after the last MARAC referral and within the repeat window of it.</summary>
    public bool IsRepeat(DateTimeOffset incidentAt, DateTimeOffset lastReferral) =>
        incidentAt > lastReferral && incidentAt <= lastReferral.AddMonths(options.RepeatWindowMonths);

    /// <summary>Is the person inside the repeat window now (the flag that makes a new incident noticed)?</summary>
    public bool InRepeatWindow(DateTimeOffset now, DateTimeOffset? lastReferral) =>
        lastReferral is { } last && now <= last.AddMonths(options.RepeatWindowMonths);

    private static int CountSince(IReadOnlyList<DateTimeOffset> incidents, DateTimeOffset from, DateTimeOffset until) =>
        incidents.Count(at => at > from && at <= until);
}
