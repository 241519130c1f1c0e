using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// How tokens are validated, decided once at start-up. Outside Development only an authority (the
/// organisation's OpenID Connect issuer, whose metadata publishes its asymmetric keys) is accepted: a
/// symmetric key, or no authority, stops the host with a message naming the setting. In Development a
/// symmetric <c>Auth:SigningKey</c> signs and validates tokens; with none configured the host makes a
/// random one that lives as long as the process.
/// </summary>
public sealed class AuthOptions
{
    public const int MinimumSigningKeyLength = 32;

    /// <summary>Asymmetric algorithms accepted from an authority (RSA, RSA-PSS and ECDSA).</summary>
    public static readonly IReadOnlyList<string> AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>The one algorithm of the Development key.</summary>
    public static readonly IReadOnlyList<string> DevelopmentAlgorithms = [SecurityAlgorithms.HmacSha256];

    /// <summary>How far a token's times may stray from this host's clock (clocks kept by NTP differ by far less).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public string Issuer { get; init; } = "platform-dev";
    public string Audience { get; init; } = "platform";
    public string? Authority { get; init; }
    public string? SigningKey { get; init; }

    /// <summary>True when the Development key was made at start-up (tokens die with the process).</summary>
    public bool SigningKeyIsEphemeral { get; init; }

    public SymmetricSecurityKey SecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey!));

    /// <summary>The issuers accepted: the authority (or development issuer) with and without a trailing slash.</summary>
    public IReadOnlyList<string> ValidIssuers()
    {
        var issuer = (Authority ?? Issuer).TrimEnd('/');
        return [issuer, issuer + "/"];
    }

    /// <summary>A random key for a Development run: 64 random bytes, base64.</summary>
    public static string GenerateDevelopmentKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public static AuthOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Auth");
        var authority = Setting(section, "Authority");
        var key = Setting(section, "SigningKey");
        var development = environment.IsDevelopment();
        if (!development && key is not null)
        {
            throw new InvalidOperationException(
                $"Auth:SigningKey is set, but the environment is '{environment.EnvironmentName}': a symmetric signing key is accepted only in " +
                "Development. Remove Auth:SigningKey (Auth__SigningKey) and set Auth:Authority (Auth__Authority) to the organisation's OpenID Connect issuer.");
        }
        if (!development && authority is null)
        {
            throw new InvalidOperationException(
                $"Auth:Authority is required in the '{environment.EnvironmentName}' environment: set Auth:Authority (Auth__Authority) " +
                "to the https URL of the organisation's OpenID Connect issuer.");
        }
        if (authority is not null && key is not null)
        {
            throw new InvalidOperationException("Auth:Authority and Auth:SigningKey are both set: set one (Auth:SigningKey is for Development only).");
        }
        if (authority is not null)
        {
            CheckAuthority(authority, development);
        }
        if (key is { Length: < MinimumSigningKeyLength })
        {
            throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumSigningKeyLength} characters.");
        }
        return new AuthOptions
        {
            Issuer = Setting(section, "Issuer") ?? "platform-dev",
            Audience = Setting(section, "Audience") ?? "platform",
            Authority = authority,
            SigningKey = authority is null ? key ?? GenerateDevelopmentKey() : null,
            SigningKeyIsEphemeral = authority is null && key is null,
        };
    }

    private static void CheckAuthority(string authority, bool development)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(development && uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new InvalidOperationException(
                $"Auth:Authority must be the absolute https URL of an OpenID Connect issuer, e.g. https://login.example.org/ (got '{authority}').");
        }
    }

    private static string? Setting(IConfiguration section, string name) =>
        string.IsNullOrWhiteSpace(section[name]) ? null : section[name]!.Trim();
}
