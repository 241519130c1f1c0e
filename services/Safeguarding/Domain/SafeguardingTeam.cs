using Platform.BuildingBlocks.Security;

namespace Platform.Safeguarding.Domain;

/// <summary>
/// Who sees the details of a safeguarding record and who decides on it, once the platform's rule has
/// let the caller see the person at all. The team of a record is the agency that made it and the
/// agencies it names; safeguarding leads of the record's area (the local authority whose adult
/// social care leads the section 42 work) join them. Everyone else who may see the person sees that
/// the record exists, its stage or level and who leads it: not what it says.
/// </summary>
/// <param name="Area">The record's area; null for a record of no one area (an incident, a DASH assessment),
/// whose details every safeguarding lead who may see the person sees.</param>
public sealed record SafeguardingTeam(string Agency, string? Area, IReadOnlyCollection<string> NamedAgencies)
{
    public bool IsMember(Caller caller) => caller.Agency == Agency || NamedAgencies.Contains(caller.Agency);

    /// <summary>A safeguarding lead of the team, or of the record's area.</summary>
    public bool IsLead(Caller caller) =>
        caller.IsIn(PlatformRoles.SafeguardingLead) && (IsMember(caller) || Area is null || caller.LocalAuthority == Area);

    public bool SeesDetails(Caller caller) => IsMember(caller) || IsLead(caller);
}
