using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.Testing;

/// <summary>
/// Tokens signed, exactly as the development issuer signs them, with a key made for this test run:
/// no key is kept in the repository.
/// </summary>
public static class TestAuth
{
    public static readonly string SigningKey = AuthOptions.GenerateDevelopmentKey();

    public static readonly AuthOptions Options = new() { Issuer = "platform-dev", Audience = "platform", SigningKey = SigningKey };

    public static string Token(Identity who) =>
        DevelopmentTokens.Issue(Options, who.Subject, who.Role, who.Agency, who.Area);

    /// <summary>
    /// A token signed with the test key carrying exactly <paramref name="claims"/> (an array value
    /// becomes several claims of one type), for tests of what the platform makes of odd tokens.
    /// </summary>
    public static string TokenWith(
        IReadOnlyDictionary<string, object> claims, string? issuer = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Options.Issuer,
            Audience = Options.Audience,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            Claims = claims.ToDictionary(),
            SigningCredentials = new SigningCredentials(Options.SecurityKey(), algorithm),
        });
    }

    /// <summary>The claims of <paramref name="who"/>, for <see cref="TokenWith"/> to change one of.</summary>
    public static Dictionary<string, object> ClaimsOf(Identity who) => new()
    {
        [PlatformClaims.Subject] = who.Subject,
        [PlatformClaims.Role] = who.Role,
        [PlatformClaims.Agency] = who.Agency,
        [PlatformClaims.Area] = who.Area,
    };
}

/// <summary>A caller: a role in an agency in a local authority.</summary>
public sealed record Identity(string Role, string Agency, string Area, string Subject = "worker-1")
{
    public static Identity SupportWorker(string agency = "outreach-bristol", string area = "E06000023") =>
        new(PlatformRoles.SupportWorker, agency, area, $"support@{agency}");

    public static Identity HousingOfficer(string agency = "housing-bristol", string area = "E06000023") =>
        new(PlatformRoles.HousingOfficer, agency, area, $"housing@{agency}");

    public static Identity SafeguardingLead(string agency = "asc-bristol", string area = "E06000023") =>
        new(PlatformRoles.SafeguardingLead, agency, area, $"lead@{agency}");

    public static Identity Auditor(string agency = "sab-audit", string area = "E06000023") =>
        new(PlatformRoles.Auditor, agency, area, $"auditor@{agency}");
}
