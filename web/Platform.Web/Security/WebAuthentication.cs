using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.BuildingBlocks.Security;

namespace Platform.Web.Security;

/// <summary>
/// A cookie session holding the signed-in person's platform token. In Development the sign-in page
/// mints the token with the platform's Development issuer; elsewhere OpenID Connect against
/// <c>Auth:Authority</c> signs in and its access token is kept (never shown to the browser: the
/// cookie is encrypted, HTTP-only, SameSite=Lax, and Secure outside Development).
/// </summary>
public static class WebAuthentication
{
    public const string CookieScheme = "platform-web";
    public const string OidcScheme = "platform-web-oidc";
    public const string PagesPolicy = "platform-web-pages";
    public const string AccessToken = "access_token";

    /// <summary>How long a session lasts: as long as the Development token it carries.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static void AddWebAuthentication(this IServiceCollection services, WebOptions options, AuthOptions auth, IHostEnvironment environment)
    {
        var authentication = services.AddAuthentication();
        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = environment.IsDevelopment() ? "platform-web" : "__Host-platform-web";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.Cookie.Path = "/";
            cookie.LoginPath = "/sign-in";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.AccessDeniedPath = "/not-allowed";
            cookie.ExpireTimeSpan = SessionLifetime;
            cookie.SlidingExpiration = false;
            if (options.OidcClientId is not null)
            {
                cookie.ForwardChallenge = OidcScheme;
            }
        });
        if (options.OidcClientId is not null)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CookieScheme;
                oidc.Authority = auth.Authority;
                oidc.ClientId = options.OidcClientId;
                oidc.ClientSecret = options.OidcClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.RequireHttpsMetadata = !environment.IsDevelopment();
                oidc.CallbackPath = "/sign-in/callback";
                oidc.SignedOutCallbackPath = "/signed-out/callback";
                oidc.Scope.Clear();
                foreach (var scope in options.OidcScopes)
                {
                    oidc.Scope.Add(scope);
                }
                oidc.TokenValidationParameters.NameClaimType = PlatformClaims.Subject;
                oidc.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                oidc.ClaimActions.MapUniqueJsonKey(PlatformClaims.Agency, PlatformClaims.Agency);
                oidc.ClaimActions.MapUniqueJsonKey(PlatformClaims.Area, PlatformClaims.Area);
                oidc.ClaimActions.MapJsonKey(PlatformClaims.Role, PlatformClaims.Role);
            });
        }
        services.AddAuthorizationBuilder().AddPolicy(PagesPolicy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser());
    }

    /// <summary>The identity a platform token describes, as the cookie keeps it.</summary>
    public static ClaimsPrincipal Principal(string subject, string role, string agency, string area) =>
        new(new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, subject),
                new Claim(PlatformClaims.Role, role),
                new Claim(PlatformClaims.Agency, agency),
                new Claim(PlatformClaims.Area, area),
            ],
            CookieScheme, PlatformClaims.Subject, PlatformClaims.Role));

    /// <summary>The signed-in person's platform token, for the gRPC calls made on their behalf.</summary>
    public static Task<string?> AccessTokenAsync(HttpContext context) => context.GetTokenAsync(CookieScheme, AccessToken);
}
