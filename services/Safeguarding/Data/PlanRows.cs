namespace Platform.Safeguarding.Data;

/// <summary>A plan as stored. Risks and participants are the API's messages as JSON; named agencies a JSON array.</summary>
public sealed class PlanRow
{
    public string PlanId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string? ConcernId { get; set; }
    public string LeadAgency { get; set; } = "";
    public string LeadProfessional { get; set; } = "";
    public string Area { get; set; } = "";
    public string Status { get; set; } = "";
    public string Level { get; set; } = "";
    public string RisksJson { get; set; } = "[]";
    public string ParticipantsJson { get; set; } = "[]";
    /// <summary>Every agency the plan names other than the lead: participants and action owners.</summary>
    public string NamedAgencies { get; set; } = "[]";
    public string FamilyInvolvement { get; set; } = "";
    public DateTimeOffset? NextReviewAt { get; set; }
    public string? UrgentReviewReason { get; set; }
    public DateTimeOffset? UrgentReviewAt { get; set; }
    /// <summary>The earlier of <see cref="NextReviewAt"/> and <see cref="UrgentReviewAt"/>: what the worklist orders by.</summary>
    public DateTimeOffset? ReviewDueAt { get; set; }
    public DateTimeOffset AgreedAt { get; set; }
    public string AgreedBy { get; set; } = "";
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CloseReason { get; set; }
    public string? ThinkFamilyReferralId { get; set; }
    public long Version { get; set; }

    /// <summary>Keeps <see cref="ReviewDueAt"/> true to the two dates it is made of.</summary>
    public void SetReviewDue() =>
        ReviewDueAt = (NextReviewAt, UrgentReviewAt) switch
        {
            ({ } next, { } urgent) => next < urgent ? next : urgent,
            (var next, var urgent) => next ?? urgent,
        };
}

public sealed class PlanMemberRow
{
    public string PlanId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Role { get; set; } = "";
    public int Position { get; set; }
}

public sealed class PlanActionRow
{
    public string ActionId { get; set; } = "";
    public string PlanId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Area { get; set; } = "";
    public int Position { get; set; }
    public string Description { get; set; } = "";
    public string OwnerAgency { get; set; } = "";
    public string OwnerRole { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public string Status { get; set; } = "";
    public string? CompletionNote { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? OverdueRaisedAt { get; set; }
}

public sealed class PlanReviewRow
{
    public string ReviewId { get; set; } = "";
    public string PlanId { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public string ReviewedBy { get; set; } = "";
    public string Agency { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTimeOffset? NextReviewAt { get; set; }
    public bool Urgent { get; set; }
}

/// <summary>A plan with its members, actions and reviews, as one read.</summary>
public sealed record StoredPlan(PlanRow Plan, IReadOnlyList<PlanMemberRow> Members, IReadOnlyList<PlanActionRow> Actions, IReadOnlyList<PlanReviewRow> Reviews);

public sealed class ReferralRow
{
    public string ReferralId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FromAgency { get; set; } = "";
    public string FromArea { get; set; } = "";
    public string ToAgency { get; set; } = "";
    public string ToArea { get; set; } = "";
    public string ToService { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Status { get; set; } = "";
    public string? DeclineReason { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public string SentBy { get; set; } = "";
    public DateTimeOffset? RespondedAt { get; set; }
    public string? RespondedBy { get; set; }
    public DateTimeOffset AnswerDueAt { get; set; }
    public string? PlanId { get; set; }
    public long Version { get; set; }
}
