using System.Security.Claims;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// What a validly signed token must also say before the platform believes it: exactly one subject
/// (the audit names who acted), one agency and one area (a GSS code), since access is decided on
/// them. A token that fails is unauthenticated, not merely unauthorised. Pure, so every host checks
/// it the same way.
/// </summary>
public static class TokenClaims
{
    /// <summary>The audit trail's actor column.</summary>
    public const int MaximumSubjectLength = 200;

    /// <summary>The width agencies are stored in.</summary>
    public const int MaximumAgencyLength = 100;

    /// <summary>Null when the claims are usable; otherwise why not (claim names only, never their values).</summary>
    public static string? Problem(ClaimsPrincipal principal)
    {
        if (One(principal, PlatformClaims.Subject) is not { Length: <= MaximumSubjectLength })
        {
            return $"the token must carry exactly one non-empty '{PlatformClaims.Subject}' claim of at most {MaximumSubjectLength} characters";
        }
        if (One(principal, PlatformClaims.Agency) is not { Length: <= MaximumAgencyLength } agency || agency != agency.Trim())
        {
            return $"the token must carry exactly one non-empty '{PlatformClaims.Agency}' claim of at most {MaximumAgencyLength} characters";
        }
        if (!GssCode.IsValid(One(principal, PlatformClaims.Area)))
        {
            return $"the token must carry exactly one '{PlatformClaims.Area}' claim holding a GSS code such as E06000023";
        }
        return null;
    }

    /// <summary>The claim's value when there is exactly one and it is not blank; conflicting or repeated claims count as none.</summary>
    private static string? One(ClaimsPrincipal principal, string type)
    {
        var values = principal.FindAll(type).Select(claim => claim.Value).Take(2).ToList();
        return values is [var value] && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
