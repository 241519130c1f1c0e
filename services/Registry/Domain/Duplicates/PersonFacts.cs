namespace Platform.Registry.Domain.Duplicates;

/// <summary>
/// What is known about a person for the purpose of finding duplicate records.
/// </summary>
public sealed record PersonFacts
{
    /// <summary>
    /// Full names of every type the record holds (usual, alias, maiden, nickname):
    /// a person is often known to one agency by a name another holds only as an alias.
    /// </summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Null when the date of birth is unknown.</summary>
    public PartialDate? DateOfBirth { get; init; }

    public string? NhsNumber { get; init; }

    public IReadOnlyList<AgencyIdentifier> Identifiers { get; init; } = [];

    /// <summary>Where she lives now, when known well enough to compare (<see cref="AddressKey"/>).</summary>
    public AddressKey? Address { get; init; }
}
