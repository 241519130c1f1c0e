using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// JWT bearer on every call (<see cref="AuthOptions"/> decides how at start-up). Beyond its signature,
/// issuer, audience and lifetime, a token must carry usable claims (<see cref="TokenClaims"/>) or the
/// call is unauthenticated; the caller policy then asks for a platform role. A token validated once is
/// not validated again while it stays valid (<see cref="ValidatedTokenCache"/>); its claims are checked
/// on every call.
/// </summary>
public static class AuthenticationExtensions
{
    public const string CallerPolicy = "platform-caller";

    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        var auth = AuthOptions.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(auth);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = auth.ValidIssuers(),
                    ValidAudience = auth.Audience,
                    NameClaimType = PlatformClaims.Subject,
                    RoleClaimType = PlatformClaims.Role,
                    ClockSkew = AuthOptions.ClockSkew,
                };
                if (auth.Authority is not null)
                {
                    // Keys come from the authority's metadata; only asymmetric algorithms are accepted.
                    options.Authority = auth.Authority;
                    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                    options.TokenValidationParameters.ValidAlgorithms = AuthOptions.AuthorityAlgorithms;
                }
                else
                {
                    options.TokenValidationParameters.IssuerSigningKey = auth.SecurityKey();
                    options.TokenValidationParameters.ValidAlgorithms = AuthOptions.DevelopmentAlgorithms;
                }
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (TokenClaims.Problem(context.Principal!) is { } problem)
                        {
                            context.Fail(problem);
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        // Wrapped round the library's handler (configured above: MapInboundClaims and all). The cache reads
        // the system clock, as the library does when it judges a token's lifetime (its own clock setting is
        // not public): a host's other clock (a test's fixed one) must not keep a token alive past its expiry.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure(options =>
            {
                for (var i = 0; i < options.TokenHandlers.Count; i++)
                {
                    options.TokenHandlers[i] = new ValidatedTokenCache(options.TokenHandlers[i], TimeProvider.System);
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.Agency)
                .RequireClaim(PlatformClaims.Area)
                .RequireRole(PlatformRoles.All));
        return builder;
    }
}
