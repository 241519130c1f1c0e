namespace Platform.BuildingBlocks.Security;

/// <summary>What a write leaves behind once the call is over; that decides the basis it needs.</summary>
public enum LastingWrite
{
    /// <summary>
    /// Changes who may see the person in the caller's own name: the caller's agency's own involvement,
    /// an address (it grants its area), a link between records (each record's facts open the other).
    /// </summary>
    ChangesAccess,

    /// <summary>
    /// Kept in, or decided for, another agency's name without giving it access: a contact recorded or
    /// amended for it, a relationship it recorded ended, a decision on its offer or tenancy, a handover
    /// acknowledged for another area.
    /// </summary>
    ForAnotherAgency,

    /// <summary>Gives another agency access to the person: a sharing record.</summary>
    ShareWithAnotherAgency,

    /// <summary>Brings another agency into the team around the person: starts its involvement.</summary>
    StartAnotherAgencysInvolvement,

    /// <summary>Changes another agency's place in that team: ends its involvement, or moves the lead from it or to it.</summary>
    ChangeAnotherAgencysInvolvement,
}

/// <summary>A write about to be done, as the rule needs to see it.</summary>
/// <param name="Basis">How the caller may see the person (<see cref="LegitimateRelationshipRule"/>).</param>
/// <param name="CallerLeads">Whether the caller is a lead for the person (<see cref="LastingWriteRule.Leads"/>).</param>
/// <param name="LawfulBasisGiven">Whether the request recorded a lawful basis and a reason.</param>
public sealed record LastingWriteRequest(LastingWrite Write, AccessBasis Basis, bool CallerLeads = false, bool LawfulBasisGiven = false);

/// <summary>
/// Break-glass is one look at one person: it never creates an involvement, a share or any lasting
/// access, and never writes in another agency's name. Those writes need a standing basis
/// (involvement, area or sharing). Giving another agency access needs more: the caller's agency
/// works with her (sharing), or the caller leads for her (bringing another agency in, ending its
/// involvement, moving the lead), and a recorded lawful basis and reason. Pure: the handlers find
/// the facts and ask; every service applies this one rule.
/// </summary>
public static class LastingWriteRule
{
    /// <summary>Null when the write may go ahead; otherwise the plain reason it may not.</summary>
    public static string? Refusal(LastingWriteRequest request)
    {
        if (request.Basis == AccessBasis.BreakGlass)
        {
            return $"Break-glass opens one look at this person and nothing more: it cannot be used to {Describe(request.Write)}. " +
                "Ask an agency that works with her, or her lead professional.";
        }
        return request.Write switch
        {
            LastingWrite.ShareWithAnotherAgency when request.Basis != AccessBasis.Involvement =>
                "Only an agency involved with this person may share her record with another agency.",
            LastingWrite.StartAnotherAgencysInvolvement or LastingWrite.ChangeAnotherAgencysInvolvement when !request.CallerLeads =>
                $"Only a lead for this person (the agency holding her lead professional, or a safeguarding lead of an involved agency) may {Describe(request.Write)}.",
            LastingWrite.ShareWithAnotherAgency or LastingWrite.StartAnotherAgencysInvolvement when !request.LawfulBasisGiven =>
                "Giving another agency access needs a lawful basis and a reason.",
            _ => null,
        };
    }

    /// <summary>
    /// A lead for the person: a caller whose agency is involved with her and either holds her lead
    /// professional or acts through a safeguarding lead. Area or sharing alone never leads.
    /// </summary>
    public static bool Leads(Caller caller, AccessBasis basis, IReadOnlySet<string> leadAgencies) =>
        basis == AccessBasis.Involvement
        && (leadAgencies.Contains(caller.Agency) || caller.IsIn(PlatformRoles.SafeguardingLead));

    private static string Describe(LastingWrite write) => write switch
    {
        LastingWrite.ChangesAccess => "change who may see her (an involvement, an address or a link)",
        LastingWrite.ForAnotherAgency => "write in another agency's name",
        LastingWrite.ShareWithAnotherAgency => "share her record with another agency",
        LastingWrite.StartAnotherAgencysInvolvement => "start another agency's involvement",
        _ => "change another agency's involvement or who leads",
    };
}
