using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Development only: <c>POST /dev/token</c> issues a token for a chosen role, agency and area so that
/// the platform can be tried with curl, signed with the Development key (configured, or made at
/// start-up). Not mapped outside Development or where an authority issues tokens, and no host outside
/// Development starts with a symmetric key, so no production host can mint tokens.
/// </summary>
public static class DevelopmentTokens
{
    public sealed record TokenRequest(string? Subject, string? Role, string? Agency, string? Area);

    public static IEndpointRouteBuilder MapDevelopmentTokens(this IEndpointRouteBuilder endpoints)
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var auth = endpoints.ServiceProvider.GetRequiredService<AuthOptions>();
        if (!environment.IsDevelopment() || auth.SigningKey is null)
        {
            return endpoints;
        }
        endpoints.MapPost("/dev/token", (TokenRequest request) =>
        {
            if (request.Role is null || !PlatformRoles.All.Contains(request.Role))
            {
                return Results.BadRequest(new { error = $"role must be one of: {string.Join(", ", PlatformRoles.All)}" });
            }
            if (string.IsNullOrWhiteSpace(request.Agency) || request.Agency.Trim().Length > TokenClaims.MaximumAgencyLength || !GssCode.IsValid(request.Area))
            {
                return Results.BadRequest(new { error = "agency (at most 100 characters) and area (a GSS code such as E06000023) are required" });
            }
            var agency = request.Agency.Trim();
            var subject = string.IsNullOrWhiteSpace(request.Subject) ? $"{request.Role}@{agency}" : request.Subject.Trim();
            if (subject.Length > TokenClaims.MaximumSubjectLength)
            {
                return Results.BadRequest(new { error = $"subject must be at most {TokenClaims.MaximumSubjectLength} characters" });
            }
            var token = Issue(auth, subject, request.Role, agency, request.Area);
            return Results.Ok(new { access_token = token, token_type = "Bearer", expires_in = 8 * 3600 });
        }).AllowAnonymous();
        return endpoints;
    }

    public static string Issue(AuthOptions auth, string subject, string role, string agency, string area, TimeSpan? lifetime = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Expires = DateTime.UtcNow + (lifetime ?? TimeSpan.FromHours(8)),
            Subject = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, subject),
                new Claim(PlatformClaims.Role, role),
                new Claim(PlatformClaims.Agency, agency),
                new Claim(PlatformClaims.Area, area),
            ]),
            SigningCredentials = new SigningCredentials(auth.SecurityKey(), SecurityAlgorithms.HmacSha256),
        });
}
