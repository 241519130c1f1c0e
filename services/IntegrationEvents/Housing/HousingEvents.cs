namespace Platform.IntegrationEvents.Housing;

// Housing events name units and schemes by id, never where they are: a refuge's location is
// confidential, and a person's chronology must not give it away. Events about a person's offers and
// tenancies also carry the unit's and scheme's names, so that her chronology reads as sentences
// (null in events published before they did).

[EventType("housing.vacancy-opened.v1")]
public sealed record VacancyOpened : IntegrationEvent
{
    public required string VacancyId { get; init; }
    public required string UnitId { get; init; }
    public required string SchemeId { get; init; }
    public required string ProviderId { get; init; }
    public required DateTimeOffset AvailableFrom { get; init; }
    public DateTimeOffset? AvailableUntil { get; init; }
}

[EventType("housing.vacancy-closed.v1")]
public sealed record VacancyClosed : IntegrationEvent
{
    public required string VacancyId { get; init; }
    public required string UnitId { get; init; }
    /// <summary>e.g. "let", "withdrawn", "expired".</summary>
    public required string Reason { get; init; }
}

[EventType("housing.offer-made.v1")]
public sealed record OfferMade : IntegrationEvent
{
    public required string OfferId { get; init; }
    public required string PersonId { get; init; }
    public required string VacancyId { get; init; }
    public required string UnitId { get; init; }
    public required string SchemeId { get; init; }
    /// <summary>The agency of the housing officer who made the offer.</summary>
    public required string Agency { get; init; }
    public required DateTimeOffset HoldExpiresAt { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

[EventType("housing.offer-accepted.v1")]
public sealed record OfferAccepted : IntegrationEvent
{
    public required string OfferId { get; init; }
    public required string PersonId { get; init; }
    public required string VacancyId { get; init; }
    public required string Agency { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

[EventType("housing.offer-declined.v1")]
public sealed record OfferDeclined : IntegrationEvent
{
    public required string OfferId { get; init; }
    public required string PersonId { get; init; }
    public required string VacancyId { get; init; }
    /// <summary>A configured decline reason code, e.g. "person-declined", "unable-to-contact", "provider-declined".</summary>
    public required string ReasonCode { get; init; }
    public required string Agency { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

/// <summary>An open offer released without her answer: she accepted another, or the vacancy closed.</summary>
[EventType("housing.offer-withdrawn.v1")]
public sealed record OfferWithdrawn : IntegrationEvent
{
    public required string OfferId { get; init; }
    public required string PersonId { get; init; }
    public required string VacancyId { get; init; }
    public required string UnitId { get; init; }
    /// <summary>The agency that made the offer.</summary>
    public required string Agency { get; init; }
    /// <summary>"another-offer-accepted", "vacancy-withdrawn" or "vacancy-expired".</summary>
    public required string Reason { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

[EventType("housing.tenancy-started.v1")]
public sealed record TenancyStarted : IntegrationEvent
{
    public required string TenancyId { get; init; }
    public required string PersonId { get; init; }
    public required string UnitId { get; init; }
    public required string SchemeId { get; init; }
    public required string ProviderId { get; init; }
    public required string Agency { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

[EventType("housing.tenancy-ended.v1")]
public sealed record TenancyEnded : IntegrationEvent
{
    public required string TenancyId { get; init; }
    public required string PersonId { get; init; }
    public required string UnitId { get; init; }
    public required string SchemeId { get; init; }
    public required string ProviderId { get; init; }
    public required string Agency { get; init; }
    /// <summary>"planned-move-on", "eviction", "abandonment" or "breakdown".</summary>
    public required string EndKind { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    /// <summary>The unit's name, for display.</summary>
    public string? UnitName { get; init; }
    /// <summary>The name of the unit's scheme, for display.</summary>
    public string? SchemeName { get; init; }
}

/// <summary>
/// Housing could not reach a person about an offer: engagement puts her on the assertive-outreach
/// worklist rather than letting the offer lapse quietly.
/// </summary>
[EventType("housing.assertive-outreach-requested.v1")]
public sealed record AssertiveOutreachRequested : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required string Reason { get; init; }
    public string? OfferId { get; init; }
}

/// <summary>
/// Housing to its own replicas: placements changed (units, or every unit of a scheme or provider),
/// so each replica reloads them into its in-memory matching index. Published after the change
/// commits, straight to the bus (a hint, not a fact: a lost one is repaired by the scheduled reload);
/// each replica reads it from a queue of its own that is deleted when it stops.
/// </summary>
[EventType("housing.placements-changed.v1")]
public sealed record PlacementsChanged : IntegrationEvent
{
    /// <summary>The replica that made the change (it has reloaded already).</summary>
    public required string Origin { get; init; }
    public IReadOnlyList<string> UnitIds { get; init; } = [];
    public string? SchemeId { get; init; }
    public string? ProviderId { get; init; }
}
