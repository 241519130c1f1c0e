namespace Platform.IntegrationEvents.Registry;

public sealed record PersonRegistered : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required string RegisteredByAgency { get; init; }
    /// <summary>GSS code of the local authority of the current address, when one was given.</summary>
    public string? LocalAuthority { get; init; }

    /// <summary>Since when she has lived at that address (local connection counts from here), when one was given.</summary>
    public DateTimeOffset? LivingThereSince { get; init; }

    /// <summary>A confidential address grants no agency access by area (someone fleeing abuse).</summary>
    public bool AddressConfidential { get; init; }
}

public sealed record PersonUpdated : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required long Version { get; init; }
}

/// <summary>The person's current address moved from one local authority to another.</summary>
public sealed record PersonMoved : IntegrationEvent
{
    public required string PersonId { get; init; }
    public string? FromLocalAuthority { get; init; }
    public required string ToLocalAuthority { get; init; }
    public required DateTimeOffset MovedAt { get; init; }

    /// <summary>The new address is confidential: the receiving area learns of the move, not where.</summary>
    public bool AddressConfidential { get; init; }
}

public sealed record PersonsLinked : IntegrationEvent
{
    public required string LinkId { get; init; }
    /// <summary>The record that stays; the other id resolves to it while the link stands.</summary>
    public required string PersonId { get; init; }
    public required string OtherPersonId { get; init; }
}

public sealed record PersonsUnlinked : IntegrationEvent
{
    public required string LinkId { get; init; }
    public required string PersonId { get; init; }
    public required string OtherPersonId { get; init; }

    /// <summary>Records that had been linked into the other record and go back with it.</summary>
    public IReadOnlyList<string> RestoredPersonIds { get; init; } = [];
}

/// <summary>A person's record was shared with another agency under a recorded lawful basis.</summary>
public sealed record RecordShared : IntegrationEvent
{
    public required string PersonId { get; init; }
    public required string Agency { get; init; }
    public required string LawfulBasis { get; init; }
    public DateTimeOffset? Until { get; init; }
}
