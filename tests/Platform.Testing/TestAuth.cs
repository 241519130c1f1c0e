using Platform.BuildingBlocks.Security;

namespace Platform.Testing;

/// <summary>Tokens signed with a test key, exactly as the development issuer signs them.</summary>
public static class TestAuth
{
    public const string SigningKey = "test-only-signing-key-with-at-least-32-characters";

    public static readonly AuthOptions Options = new() { Issuer = "platform-dev", Audience = "platform", SigningKey = SigningKey };

    public static string Token(Identity who) =>
        DevelopmentTokens.Issue(Options, who.Subject, who.Role, who.Agency, who.Area);
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
