namespace Platform.IntegrationEvents.Safeguarding;

/// <summary>A safeguarding concern was raised about a person. No details: those stay in safeguarding.</summary>
[EventType("safeguarding.concern-raised.v1")]
public sealed record ConcernRaised : IntegrationEvent
{
    public required string ConcernId { get; init; }
    public required string PersonId { get; init; }
    /// <summary>The agency that raised it.</summary>
    public required string Agency { get; init; }
    /// <summary>GSS code of the area whose adult social care leads on it.</summary>
    public required string Area { get; init; }
    public bool ImmediateRisk { get; init; }
}

/// <summary>A concern moved to the enquiry stage.</summary>
[EventType("safeguarding.enquiry-started.v1")]
public sealed record EnquiryStarted : IntegrationEvent
{
    public required string ConcernId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required string Area { get; init; }
    /// <summary>"section-42" (the statutory duty) or "other-enquiry".</summary>
    public required string Kind { get; init; }
}

/// <summary>
/// A MARAC referral is recommended for a person: after a DASH assessment, or after an incident that
/// makes escalation or a repeat.
/// </summary>
[EventType("safeguarding.marac-referral-recommended.v1")]
public sealed record MaracReferralRecommended : IntegrationEvent
{
    public required string PersonId { get; init; }
    /// <summary>The agency whose assessment or incident record led to it.</summary>
    public required string Agency { get; init; }
    /// <summary>
    /// Every criterion that applies, strongest first: "visible-high-risk", "professional-judgement",
    /// "potential-escalation", "repeat".
    /// </summary>
    public required IReadOnlyList<string> Criteria { get; init; }
    public string? AssessmentId { get; init; }
    public string? IncidentId { get; init; }
}
