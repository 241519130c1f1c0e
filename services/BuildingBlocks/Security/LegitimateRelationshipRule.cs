namespace Platform.BuildingBlocks.Security;

public enum AccessBasis
{
    Involvement,
    Area,
    Sharing,
    BreakGlass,
}

/// <summary>
/// A caller sees a person's record only where they have a legitimate relationship with them: their
/// agency is involved, the person lives or lived in their area, or a sharing record grants it.
/// Otherwise a stated reason opens it as break-glass, which the audit trail records as such.
/// Auditors read the audit trail, not records, so they cannot break glass.
/// </summary>
public static class LegitimateRelationshipRule
{
    public const int MinimumBreakGlassReasonLength = 10;

    public static AccessBasis? Decide(Caller caller, PersonAccessFacts facts, string? breakGlassReason)
    {
        if (!caller.Roles.Overlaps(PlatformRoles.CaseworkerSet))
        {
            return null;
        }
        if (caller.Agency.Length > 0 && facts.InvolvedAgencies.Contains(caller.Agency))
        {
            return AccessBasis.Involvement;
        }
        if (caller.LocalAuthority.Length > 0 && facts.LocalAuthorities.Contains(caller.LocalAuthority))
        {
            return AccessBasis.Area;
        }
        if (caller.Agency.Length > 0 && facts.SharedWithAgencies.Contains(caller.Agency))
        {
            return AccessBasis.Sharing;
        }
        return IsUsableReason(breakGlassReason) ? AccessBasis.BreakGlass : null;
    }

    public static bool IsUsableReason(string? reason) =>
        reason is not null && reason.Trim().Length >= MinimumBreakGlassReasonLength;
}
