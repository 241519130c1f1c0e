using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.Web;

/// <summary>
/// Where the platform's public gRPC API is, and how people sign in, decided once at start-up.
/// <c>Web:PlatformAddress</c> (default: this host's own gRPC endpoint, <c>Kestrel:Endpoints:Grpc:Url</c>,
/// or http://localhost:5100); outside Development <c>Web:Oidc:ClientId</c> (and usually
/// <c>Web:Oidc:ClientSecret</c>) against <c>Auth:Authority</c>.
/// </summary>
public sealed class WebOptions
{
    public required Uri PlatformAddress { get; init; }

    /// <summary>Development: the sign-in page where one chooses a role, agency and area.</summary>
    public bool DevelopmentSignIn { get; init; }

    public string? OidcClientId { get; init; }

    public string? OidcClientSecret { get; init; }

    public IReadOnlyList<string> OidcScopes { get; init; } = [];

    public static WebOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var address = Setting(configuration, "Web:PlatformAddress") ?? Setting(configuration, "Kestrel:Endpoints:Grpc:Url") ?? "http://localhost:5100";
        // A wildcard listening address (http://+:8080, http://*:8080, http://0.0.0.0:8080) is called on loopback.
        address = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var platform))
        {
            throw new InvalidOperationException($"Web:PlatformAddress must be the absolute URL of the platform's gRPC endpoint (got '{address}').");
        }
        var development = environment.IsDevelopment();
        var authority = Setting(configuration, "Auth:Authority");
        var clientId = Setting(configuration, "Web:Oidc:ClientId");
        if (authority is not null && clientId is null)
        {
            throw new InvalidOperationException(
                "Auth:Authority is set, so people sign in with OpenID Connect: set Web:Oidc:ClientId (Web__Oidc__ClientId) to the web app's client id at that authority.");
        }
        var scopes = (Setting(configuration, "Web:Oidc:Scopes") ?? "openid profile")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new WebOptions
        {
            PlatformAddress = platform,
            DevelopmentSignIn = development && authority is null,
            OidcClientId = authority is null ? null : clientId,
            OidcClientSecret = Setting(configuration, "Web:Oidc:ClientSecret"),
            OidcScopes = scopes,
        };
    }

    private static string? Setting(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
