using Platform.Safeguarding.V1;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>The safeguarding service's codes in the words a person reads (labels only: the service decides).</summary>
public static class SafeguardingWords
{
    /// <summary>The ten categories of the Care Act 2014 statutory guidance.</summary>
    public static readonly IReadOnlyList<(AbuseCategory Value, string Label)> Categories =
    [
        (AbuseCategory.Physical, "Physical abuse"), (AbuseCategory.Domestic, "Domestic abuse, including coercive control"),
        (AbuseCategory.Sexual, "Sexual abuse"), (AbuseCategory.Psychological, "Psychological or emotional abuse"),
        (AbuseCategory.FinancialOrMaterial, "Financial or material abuse"), (AbuseCategory.ModernSlavery, "Modern slavery"),
        (AbuseCategory.Discriminatory, "Discriminatory abuse"), (AbuseCategory.Organisational, "Organisational abuse"),
        (AbuseCategory.NeglectAndActsOfOmission, "Neglect and acts of omission"), (AbuseCategory.SelfNeglect, "Self-neglect"),
    ];

    public static readonly IReadOnlyList<(ConcernSource Value, string Label)> Sources =
    [
        (ConcernSource.SocialCareStaff, "Social care staff"), (ConcernSource.HealthStaff, "Health staff"), (ConcernSource.Police, "Police"),
        (ConcernSource.Housing, "Housing"), (ConcernSource.EducationOrTraining, "Education or training"),
        (ConcernSource.VoluntarySector, "Voluntary sector"), (ConcernSource.FamilyMember, "A family member"),
        (ConcernSource.FriendOrNeighbour, "A friend or neighbour"), (ConcernSource.SelfReferral, "She raised it herself"), (ConcernSource.Other, "Other"),
    ];

    public static readonly IReadOnlyList<(RiskLocation Value, string Label)> Locations =
    [
        (RiskLocation.OwnHome, "Her own home"), (RiskLocation.HomeOfAnother, "Someone else's home"), (RiskLocation.CareHome, "A care home"),
        (RiskLocation.Hospital, "A hospital"), (RiskLocation.CommunityService, "A community service"), (RiskLocation.InTheCommunity, "In the community"),
        (RiskLocation.SupportedAccommodation, "Supported accommodation"), (RiskLocation.NoFixedAbode, "No fixed abode"), (RiskLocation.Other, "Other"),
    ];

    public static readonly IReadOnlyList<(EnquiryDecision Value, string Label)> Decisions =
    [
        (EnquiryDecision.Section42, "A section 42 enquiry"), (EnquiryDecision.OtherEnquiry, "Another enquiry (not every part is met)"),
        (EnquiryDecision.NoFurtherAction, "No further action"),
    ];

    public static readonly IReadOnlyList<(OutcomeAchievement Value, string Label)> Achievements =
    [
        (OutcomeAchievement.Fully, "Fully"), (OutcomeAchievement.Partly, "Partly"), (OutcomeAchievement.Not, "Not achieved"),
    ];

    public static readonly IReadOnlyList<(RiskOutcome Value, string Label)> RiskOutcomes =
    [
        (RiskOutcome.Removed, "Removed"), (RiskOutcome.Reduced, "Reduced"), (RiskOutcome.Remains, "Remains"),
    ];

    public static readonly IReadOnlyList<MaracCriterion> MaracCriteria =
    [
        MaracCriterion.VisibleHighRisk, MaracCriterion.ProfessionalJudgement, MaracCriterion.PotentialEscalation, MaracCriterion.Repeat,
    ];

    /// <summary>The kinds a person sends (a cross-boundary referral is the platform's, when she moves with an open plan).</summary>
    public static readonly IReadOnlyList<ReferralKind> SentKinds = [ReferralKind.ThinkFamily, ReferralKind.Marac, ReferralKind.Other];

    /// <summary>The answers a receiver gives.</summary>
    public static readonly IReadOnlyList<ReferralStatus> Answers = [ReferralStatus.Acknowledged, ReferralStatus.Accepted, ReferralStatus.Declined];

    public static string Of(AbuseCategory value) => Label(Categories, value);

    public static string Of(ConcernSource value) => Label(Sources, value);

    public static string Of(RiskLocation value) => Label(Locations, value);

    public static string Of(EnquiryDecision value) => Label(Decisions, value);

    public static string Of(OutcomeAchievement value) => Label(Achievements, value);

    public static string Of(RiskOutcome value) => Label(RiskOutcomes, value);

    public static string Of(Stage stage) => stage switch
    {
        Stage.Concern => "Concern", Stage.InformationGathering => "Information gathering", Stage.Enquiry => "Enquiry",
        Stage.Plan => "Plan", Stage.Review => "Review", Stage.Closed => "Closed", _ => "Not known",
    };

    public static string Of(RiskLevel level) => level switch
    {
        RiskLevel.High => "High", RiskLevel.Medium => "Medium", RiskLevel.Standard => "Standard", _ => "Not assessed",
    };

    public static string Of(MaracCriterion criterion) => criterion switch
    {
        MaracCriterion.VisibleHighRisk => "Visible high risk",
        MaracCriterion.ProfessionalJudgement => "Professional judgement",
        MaracCriterion.PotentialEscalation => "Potential escalation",
        MaracCriterion.Repeat => "Repeat (within 12 months of the last MARAC referral)",
        _ => "None",
    };

    public static string Of(WorkKind kind) => kind switch
    {
        WorkKind.OverdueAction => "Overdue action", WorkKind.ReviewDue => "Review due", WorkKind.ConcernAwaitingDecision => "Concern awaiting a decision",
        WorkKind.FollowUpDue => "Follow-up due", WorkKind.ReferralUnanswered => "Referral unanswered", _ => "Work",
    };

    public static string Of(ReferralKind kind) => kind switch
    {
        ReferralKind.ThinkFamily => "Think Family", ReferralKind.Marac => "MARAC", ReferralKind.CrossBoundary => "Cross-boundary (she moved)", _ => "Other",
    };

    public static string Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "Sent", ReferralStatus.Acknowledged => "Acknowledged", ReferralStatus.Accepted => "Accepted",
        ReferralStatus.Declined => "Declined", _ => "Not known",
    };

    public static string Of(CapacityOutcome outcome) => outcome switch
    {
        CapacityOutcome.HasCapacity => "Has capacity", CapacityOutcome.LacksCapacity => "Lacks capacity", _ => "Not known",
    };

    public static string Of(ActionStatus status) => status switch
    {
        ActionStatus.Open => "Open", ActionStatus.Done => "Done", ActionStatus.Cancelled => "Cancelled", _ => "Not known",
    };

    /// <summary>The GOV.UK tag colour for a risk level.</summary>
    public static string TagClass(RiskLevel level) => level switch
    {
        RiskLevel.High => "govuk-tag govuk-tag--red", RiskLevel.Medium => "govuk-tag govuk-tag--orange", RiskLevel.Standard => "govuk-tag govuk-tag--blue",
        _ => "govuk-tag govuk-tag--grey",
    };

    /// <summary>What a restricted record shows in place of its details.</summary>
    public const string Restricted = "Details visible to the team only";

    private static string Label<T>(IReadOnlyList<(T Value, string Label)> labels, T value)
        where T : struct, Enum =>
        labels.FirstOrDefault(l => EqualityComparer<T>.Default.Equals(l.Value, value)).Label ?? "Not given";
}
