using System.Security.Claims;
using Grpc.Core;

namespace Platform.BuildingBlocks.Security;

/// <summary>Who is calling: taken from the validated token, never from the request body.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, string Agency, string LocalAuthority)
{
    public string Role => Roles.Count == 0 ? "" : string.Join(",", Roles.Order(StringComparer.Ordinal));

    public bool IsIn(string role) => Roles.Contains(role);

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(PlatformClaims.Subject) ?? "",
        user.FindAll(PlatformClaims.Role).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirstValue(PlatformClaims.Agency) ?? "",
        user.FindFirstValue(PlatformClaims.Area) ?? "");

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);
}
