namespace Platform.IntegrationEvents.Registry;

[EventType("registry.involvement-started.v1")]
public sealed record InvolvementStarted : IntegrationEvent
{
    public required string InvolvementId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public string? Role { get; init; }
    public required DateTimeOffset Since { get; init; }
    public bool LeadProfessional { get; init; }
    /// <summary>The agency whose caller started it (another agency's lead, when started on its behalf).</summary>
    public string? StartedByAgency { get; init; }
    /// <summary>The lawful basis for giving the agency access, when started on its behalf, e.g. "Safeguarding".</summary>
    public string? LawfulBasis { get; init; }
}

[EventType("registry.involvement-ended.v1")]
public sealed record InvolvementEnded : IntegrationEvent
{
    public required string InvolvementId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required DateTimeOffset Until { get; init; }
    public string? Reason { get; init; }
}

[EventType("registry.relationship-recorded.v1")]
public sealed record RelationshipRecorded : IntegrationEvent
{
    public required string RelationshipId { get; init; }
    public required string FromPersonId { get; init; }
    public required string ToPersonId { get; init; }
    /// <summary>e.g. "partner", "speaks-for", "alleged-perpetrator-toward".</summary>
    public required string Type { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>The agency of the caller who recorded it (null in events published before it was carried).</summary>
    public string? RecordedByAgency { get; init; }
}
