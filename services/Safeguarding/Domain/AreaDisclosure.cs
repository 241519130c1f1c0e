using Platform.BuildingBlocks.Security;

namespace Platform.Safeguarding.Domain;

/// <summary>
/// A safeguarding record names the area of the agency that made it (a concern, a plan, a MARAC referral)
/// or that it was sent to (a referral). When that agency works where she now lives at a confidential
/// address, the area is where she lives: exactly what someone fleeing abuse needs hidden. So a record's
/// area is shown only to a caller who knows it already: it is one of her areas that is not confidential,
/// the caller's agency made the record, or the caller works in that area by a standing basis (not a
/// break-glass look). Anyone else sees an empty area; the agency stays named.
/// </summary>
public static class AreaDisclosure
{
    public static string Shown(string? area, string recordingAgency, PersonAccess access) =>
        area is { Length: > 0 } && Knows(area, recordingAgency, access) ? area : "";

    public static bool Knows(string area, string recordingAgency, PersonAccess access) =>
        access.Facts.LocalAuthorities.Contains(area)
        || access.Caller.Agency == recordingAgency
        || (access.Caller.LocalAuthority == area && access.Basis != AccessBasis.BreakGlass);
}
