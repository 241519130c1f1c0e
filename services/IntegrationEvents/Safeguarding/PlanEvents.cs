namespace Platform.IntegrationEvents.Safeguarding;

/// <summary>
/// A multi-agency safeguarding plan was agreed for a person or a household. The level, never the
/// risks or actions: those are special-category details that stay in safeguarding.
/// </summary>
[EventType("safeguarding.plan-agreed.v1")]
public sealed record PlanAgreed : IntegrationEvent
{
    public required string PlanId { get; init; }
    /// <summary>The person the plan is about.</summary>
    public required string PersonId { get; init; }
    /// <summary>Every member of a household plan, the person first.</summary>
    public IReadOnlyList<string> MemberIds { get; init; } = [];
    public required string LeadAgency { get; init; }
    /// <summary>GSS code of the area whose safeguarding leads lead on it.</summary>
    public required string Area { get; init; }
    /// <summary>One of <see cref="RiskLevels"/>.</summary>
    public required string RiskLevel { get; init; }
}

/// <summary>A plan was reviewed; <see cref="Urgent"/> when the review answered an urgent flag (disengagement, a tenancy breakdown).</summary>
[EventType("safeguarding.plan-reviewed.v1")]
public sealed record PlanReviewed : IntegrationEvent
{
    public required string PlanId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public DateTimeOffset? NextReviewAt { get; init; }
    public bool Urgent { get; init; }
}

/// <summary>A plan was closed; its open actions were cancelled with it.</summary>
[EventType("safeguarding.plan-closed.v1")]
public sealed record PlanClosed : IntegrationEvent
{
    public required string PlanId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required string Area { get; init; }
}

/// <summary>An action of a plan passed its due date without being done; raised once per due date.</summary>
[EventType("safeguarding.action-overdue.v1")]
public sealed record ActionOverdue : IntegrationEvent
{
    public required string ActionId { get; init; }
    public required string PlanId { get; init; }
    public required string PersonId { get; init; }
    /// <summary>The agency that owns the action.</summary>
    public required string OwnerAgency { get; init; }
    public required string Area { get; init; }
    public required DateTimeOffset DueAt { get; init; }
}

/// <summary>
/// A household plan that includes children raised a Think Family referral to the children's services
/// of the plan's area.
/// </summary>
[EventType("safeguarding.think-family-referral-raised.v1")]
public sealed record ThinkFamilyReferralRaised : IntegrationEvent
{
    public required string ReferralId { get; init; }
    public required string PlanId { get; init; }
    public required string PersonId { get; init; }
    public IReadOnlyList<string> ChildIds { get; init; } = [];
    public required string FromAgency { get; init; }
    /// <summary>The area whose children's services receive it.</summary>
    public required string Area { get; init; }
}
