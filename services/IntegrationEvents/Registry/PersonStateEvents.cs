namespace Platform.IntegrationEvents.Registry;

/// <summary>
/// What decides who may see one person record, as it stands after a change: the registry publishes
/// it in the transaction of every change to the record's involvements, areas, shares or link. The
/// <see cref="Sequence"/> grows with each change of that record, so a consumer keeps a snapshot only
/// if it is newer than the one it holds and reaches the registry's state whatever the order of
/// arrival. Each record of a linked group has its own; the group is the records linked into one.
/// </summary>
[EventType("registry.person-access-changed.v1")]
public sealed record PersonAccessChanged : IntegrationEvent
{
    public required string PersonId { get; init; }

    public required long Sequence { get; init; }

    /// <summary>The record this one is linked into while the link stands; null for a record that stands for itself.</summary>
    public string? LinkedTo { get; init; }

    /// <summary>Every involvement with the record, ended ones with their end.</summary>
    public IReadOnlyList<AgencyInvolvement> Involvements { get; init; } = [];

    /// <summary>Areas (GSS codes) of the record's addresses, past and present; never a confidential address's.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    /// <summary>One per agency the record is shared with, until the latest of its sharing records lapses (null: no end).</summary>
    public IReadOnlyList<AgencyShare> Shares { get; init; } = [];
}

public sealed record AgencyInvolvement
{
    public required string InvolvementId { get; init; }
    public required string Agency { get; init; }
    public required DateTimeOffset Since { get; init; }
    public DateTimeOffset? Until { get; init; }
}

public sealed record AgencyShare
{
    public required string Agency { get; init; }
    public DateTimeOffset? Until { get; init; }
}

/// <summary>
/// One record's address timeline by area, as it stands after any address change, with the record's
/// <see cref="PersonAccessChanged.Sequence"/> at that change (keep it only if newer than the one held).
/// A confidential address is left out altogether: not its area, not its period.
/// </summary>
[EventType("registry.person-addresses-changed.v1")]
public sealed record PersonAddressesChanged : IntegrationEvent
{
    public required string PersonId { get; init; }

    public required long Sequence { get; init; }

    public IReadOnlyList<AddressPeriod> Addresses { get; init; } = [];
}

/// <summary>Lived in an area from a time until a time (null: still lives there).</summary>
public sealed record AddressPeriod
{
    public required string LocalAuthority { get; init; }
    public required DateTimeOffset From { get; init; }
    public DateTimeOffset? Until { get; init; }
}
