namespace Platform.IntegrationEvents.Registry;

[EventType("registry.person-registered.v1")]
public sealed record PersonRegistered : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required string RegisteredByAgency { get; init; }
    /// <summary>GSS code of the local authority of the current address, when one was given and it is not confidential.</summary>
    public string? LocalAuthority { get; init; }

    /// <summary>Since when she has lived at that address, when one was given and it is not confidential.</summary>
    public DateTimeOffset? LivingThereSince { get; init; }

    /// <summary>She was registered at a confidential address (someone fleeing abuse): no area is published.</summary>
    public bool AddressConfidential { get; init; }
    /// <summary>Her usual name, for display only to those who may see her (null in events published before it was carried).</summary>
    public string? DisplayName { get; init; }
}

[EventType("registry.person-updated.v1")]
public sealed record PersonUpdated : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required long Version { get; init; }
    /// <summary>Her usual name, for display only to those who may see her (null in events published before it was carried).</summary>
    public string? DisplayName { get; init; }
}

/// <summary>
/// The person's current address moved to another local authority, or to or from a confidential
/// address (whatever its area: whether a confidential move crosses a boundary is itself where she is).
/// </summary>
[EventType("registry.person-moved.v1")]
public sealed record PersonMoved : IntegrationEvent
{
    public required string PersonId { get; init; }

    /// <summary>The area she left; null when she left a confidential address, whose area is never published.</summary>
    public string? FromLocalAuthority { get; init; }

    /// <summary>The area she moved to; null when she moved to a confidential address.</summary>
    public string? ToLocalAuthority { get; init; }

    public required DateTimeOffset MovedAt { get; init; }

    /// <summary>The new address is confidential: the event says that she moved and when, never where.</summary>
    public bool AddressConfidential { get; init; }

    /// <summary>For a confidential address, the agencies it names: the only ones who may know where she is.</summary>
    public IReadOnlyList<string> VisibleToAgencies { get; init; } = [];

    /// <summary>The agency of the caller who recorded the address (null in events published before it was carried).</summary>
    public string? RecordedByAgency { get; init; }
}

[EventType("registry.persons-linked.v1")]
public sealed record PersonsLinked : IntegrationEvent
{
    public required string LinkId { get; init; }
    /// <summary>The record that stays; the other id resolves to it while the link stands.</summary>
    public required string PersonId { get; init; }
    public required string OtherPersonId { get; init; }
}

[EventType("registry.persons-unlinked.v1")]
public sealed record PersonsUnlinked : IntegrationEvent
{
    public required string LinkId { get; init; }
    public required string PersonId { get; init; }
    public required string OtherPersonId { get; init; }

    /// <summary>Records that had been linked into the other record and go back with it.</summary>
    public IReadOnlyList<string> RestoredPersonIds { get; init; } = [];
}

/// <summary>A person's record was shared with another agency under a recorded lawful basis.</summary>
[EventType("registry.record-shared.v1")]
public sealed record RecordShared : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required string LawfulBasis { get; init; }
    public DateTimeOffset? Until { get; init; }
}
