using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;

namespace Platform.Web.Security;

/// <summary>Signing in and out: forms posted with an anti-forgery token, answered with a redirect.</summary>
public static class SignInEndpoints
{
    /// <summary>The roles one may choose on the Development sign-in page, as the page names them.</summary>
    public static readonly IReadOnlyList<(string Role, string Label)> Roles =
    [
        (PlatformRoles.SupportWorker, "Support worker"),
        (PlatformRoles.HousingOfficer, "Housing officer"),
        (PlatformRoles.SafeguardingLead, "Safeguarding lead"),
        (PlatformRoles.Admin, "Administrator"),
        (PlatformRoles.Auditor, "Auditor"),
    ];

    public static void MapSignIn(this IEndpointRouteBuilder endpoints, WebOptions options)
    {
        if (options.DevelopmentSignIn)
        {
            endpoints.MapPost("/sign-in/development", async (HttpContext context, AuthOptions auth,
                [FromForm] string? role, [FromForm] string? agency, [FromForm] string? area, [FromForm] string? name, [FromForm] string? returnUrl) =>
            {
                var problems = new List<string>();
                if (role is null || !Roles.Any(r => r.Role == role))
                {
                    problems.Add("role");
                }
                agency = agency?.Trim();
                if (string.IsNullOrEmpty(agency) || agency.Length > TokenClaims.MaximumAgencyLength)
                {
                    problems.Add("agency");
                }
                area = GssCode.Normalise(area);
                if (!GssCode.IsValid(area))
                {
                    problems.Add("area");
                }
                if (problems.Count > 0)
                {
                    // Back to the form with what was typed and what was wrong.
                    return Results.Redirect("/sign-in" + QueryString.Create(new Dictionary<string, string?>
                    {
                        ["invalid"] = string.Join(',', problems), ["role"] = role, ["agency"] = agency, ["area"] = area,
                        ["name"] = name, ["returnUrl"] = LocalUrl(returnUrl),
                    }).ToUriComponent());
                }
                var subject = string.IsNullOrWhiteSpace(name) ? $"{role}@{agency}" : name.Trim();
                if (subject.Length > TokenClaims.MaximumSubjectLength)
                {
                    subject = subject[..TokenClaims.MaximumSubjectLength];
                }
                var token = DevelopmentTokens.Issue(auth, subject, role!, agency!, area!, WebAuthentication.SessionLifetime);
                var properties = new AuthenticationProperties { IsPersistent = false };
                properties.StoreTokens([new AuthenticationToken { Name = WebAuthentication.AccessToken, Value = token }]);
                await context.SignInAsync(WebAuthentication.CookieScheme,
                    WebAuthentication.Principal(subject, role!, agency!, area!), properties);
                return Results.LocalRedirect(LocalUrl(returnUrl));
            });
        }
        else
        {
            endpoints.MapPost("/sign-in/organisation", ([FromForm] string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [WebAuthentication.OidcScheme]));
        }
        endpoints.MapPost("/sign-out", async (HttpContext context, [FromForm] string? confirm) =>
        {
            await context.SignOutAsync(WebAuthentication.CookieScheme);
            return Results.LocalRedirect("/?signedOut=true");
        });
    }

    /// <summary>Only a path on this site: a return address elsewhere would make sign-in an open redirect.</summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
