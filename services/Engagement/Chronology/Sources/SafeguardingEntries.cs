using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>
/// Safeguarding's milestones in her chronology: that a concern was raised, an enquiry started, a
/// MARAC referral recommended, a plan agreed (with its level), reviewed and closed. What the concern or
/// the plan says stays in safeguarding, for those it names.
/// </summary>
public sealed class SafeguardingEntries :
    IChronologySource<ConcernRaised>, IChronologySource<EnquiryStarted>, IChronologySource<MaracReferralRecommended>,
    IChronologySource<PlanAgreed>, IChronologySource<PlanReviewed>, IChronologySource<PlanClosed>
{
    public IEnumerable<ChronologyEntryRow> Entries(ConcernRaised message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            message.ImmediateRisk ? "Safeguarding concern raised (immediate risk)" : "Safeguarding concern raised");
    }

    public IEnumerable<ChronologyEntryRow> Entries(EnquiryStarted message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            message.Kind == "section-42" ? "Section 42 enquiry started" : "Safeguarding enquiry (other) started");
    }

    public IEnumerable<ChronologyEntryRow> Entries(MaracReferralRecommended message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            $"MARAC referral recommended: {string.Join(", ", message.Criteria)}");
    }

    public IEnumerable<ChronologyEntryRow> Entries(PlanAgreed message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.LeadAgency,
            message.MemberIds.Count > 1
                ? $"Household safeguarding plan agreed (risk level {message.RiskLevel})"
                : $"Safeguarding plan agreed (risk level {message.RiskLevel})");
    }

    public IEnumerable<ChronologyEntryRow> Entries(PlanReviewed message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            message.Urgent ? "Safeguarding plan reviewed (urgent review)" : "Safeguarding plan reviewed");
    }

    public IEnumerable<ChronologyEntryRow> Entries(PlanClosed message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency, "Safeguarding plan closed");
    }

    private static ChronologyEntryRow Entry(string personId, DateTimeOffset at, string agency, string summary) => new()
    {
        PersonId = personId, OccurredAt = at, Kind = EntryKinds.Safeguarding, Agency = agency, Summary = summary, Significant = true,
    };
}
