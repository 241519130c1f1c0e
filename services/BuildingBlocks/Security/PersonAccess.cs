using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Security;

/// <summary>Who is calling and how they may see the person, handed to a handler's work by <see cref="PersonAccessGuard{TDatabase}"/>.</summary>
public sealed record PersonAccess(Caller Caller, AccessBasis Basis, PersonAccessFacts Facts)
{
    /// <summary>Refuses (PERMISSION_DENIED, audited by the guard) a write <see cref="LastingWriteRule"/> does not allow.</summary>
    public void Require(LastingWrite write, bool callerLeads = false, bool lawfulBasisGiven = false)
    {
        if (LastingWriteRule.Refusal(new LastingWriteRequest(write, Basis, callerLeads, lawfulBasisGiven)) is { } refusal)
        {
            throw new PermissionDeniedException(refusal);
        }
    }

    /// <summary>
    /// For a write on a record <paramref name="agency"/> keeps (its contact, its offer, its tenancy):
    /// where that is another agency, the write is in its name and needs a standing basis.
    /// </summary>
    public void RequireMayWriteFor(string agency)
    {
        if (agency != Caller.Agency)
        {
            Require(LastingWrite.ForAnotherAgency);
        }
    }
}
