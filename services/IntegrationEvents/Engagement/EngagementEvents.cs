namespace Platform.IntegrationEvents.Engagement;

/// <summary>A contact (or an attempt at one) was recorded; an amendment names the contact it supersedes.</summary>
[EventType("engagement.contact-recorded.v1")]
public sealed record ContactRecorded : IntegrationEvent
{
    public required string ContactId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required DateTimeOffset ContactAt { get; init; }
    /// <summary>"in-person", "outreach-visit", "phone", "text", "video", "letter" or "email".</summary>
    public required string Channel { get; init; }
    /// <summary>"made", "attempted" or "declined".</summary>
    public required string Outcome { get; init; }
    public bool SeenAlone { get; init; }
    public bool Significant { get; init; }
    public string? SupersedesContactId { get; init; }
}

/// <summary>Raised once per episode of disengagement; a successful contact ends the episode.</summary>
[EventType("engagement.disengagement-detected.v1")]
public sealed record DisengagementDetected : IntegrationEvent
{
    public required string EpisodeId { get; init; }
    public required string PersonId { get; init; }
    /// <summary>"consecutive-attempts", "no-contact-high-risk", "no-contact" or "requested".</summary>
    public required string Rule { get; init; }
    public required string RiskLevel { get; init; }
    public DateTimeOffset? LastSuccessfulContactAt { get; init; }
    public int AttemptsSinceSuccess { get; init; }
    /// <summary>Agencies actively involved, who should re-engage.</summary>
    public IReadOnlyList<string> Agencies { get; init; } = [];
}

/// <summary>
/// A person moved across a local-authority boundary, or to a confidential address: the receiving area
/// (for a confidential address, the agencies it names) is asked to take her on.
/// </summary>
[EventType("engagement.cross-boundary-handover-requested.v1")]
public sealed record CrossBoundaryHandoverRequested : IntegrationEvent
{
    public required string HandoverId { get; init; }
    public required string PersonId { get; init; }
    /// <summary>Null when she left a confidential address.</summary>
    public string? FromLocalAuthority { get; init; }
    /// <summary>Null for a move to a confidential address, whose area is never published.</summary>
    public string? ToLocalAuthority { get; init; }
    public IReadOnlyList<string> SendingAgencies { get; init; } = [];
    public required string RiskLevel { get; init; }
    /// <summary>The new address is confidential: the handover is addressed to <see cref="ReceivingAgencies"/>, not to an area.</summary>
    public bool AddressConfidential { get; init; }
    /// <summary>For a confidential address, the agencies it names.</summary>
    public IReadOnlyList<string> ReceivingAgencies { get; init; } = [];
}

[EventType("engagement.handover-acknowledged.v1")]
public sealed record HandoverAcknowledged : IntegrationEvent
{
    public required string HandoverId { get; init; }
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    /// <summary>The receiving area; null for a handover of a move to a confidential address.</summary>
    public string? LocalAuthority { get; init; }
}
