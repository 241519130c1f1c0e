using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// JWT bearer on every call. In production tokens come from the organisation's OpenID Connect
/// provider (<c>Auth:Authority</c>); in Development a symmetric key (<c>Auth:SigningKey</c>) lets the
/// development token endpoint issue them. Every caller must carry a role, an agency and an area.
/// </summary>
public static class AuthenticationExtensions
{
    public const string CallerPolicy = "platform-caller";

    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        var auth = AuthOptions.From(builder.Configuration);
        builder.Services.AddSingleton(auth);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    NameClaimType = PlatformClaims.Subject,
                    RoleClaimType = PlatformClaims.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                if (auth.Authority is not null)
                {
                    options.Authority = auth.Authority;
                    options.TokenValidationParameters.ValidIssuer = auth.Authority;
                }
                else if (auth.SigningKey is not null)
                {
                    options.TokenValidationParameters.IssuerSigningKey = auth.SecurityKey();
                }
                else
                {
                    throw new InvalidOperationException("Set Auth:Authority (production) or Auth:SigningKey (Development only).");
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

public sealed class AuthOptions
{
    public string Issuer { get; init; } = "platform-dev";
    public string Audience { get; init; } = "platform";
    public string? Authority { get; init; }
    public string? SigningKey { get; init; }

    public SymmetricSecurityKey SecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey!));

    public static AuthOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        if (options.SigningKey is { Length: < 32 })
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        }
        return options;
    }
}
