using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>
/// A host's authentication, as every service and the gateway set it up, checks a bearer token's
/// signature once however often it is sent, still refuses it on every call when its claims are
/// unusable, and gives every call a principal of its own.
/// </summary>
public sealed class BearerTokenReuseTests : IAsyncLifetime
{
    private static readonly AuthOptions Auth = new() { SigningKey = AuthOptions.GenerateDevelopmentKey() };

    private WebApplication _app = null!;
    private int _signatureChecks;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Auth:SigningKey", (string?)Auth.SigningKey)]);
        builder.AddPlatformAuthentication();
        // The same key, handed over by a resolver that counts: the library asks for it on each signature check.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var key = options.TokenValidationParameters.IssuerSigningKey;
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) =>
            {
                Interlocked.Increment(ref _signatureChecks);
                return [key];
            };
        });
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/caller", (ClaimsPrincipal user) =>
        {
            var identity = (ClaimsIdentity)user.Identity!;
            var marked = identity.HasClaim("marked", "yes");
            identity.AddClaim(new Claim("marked", "yes"));
            return marked ? "marked by an earlier call" : identity.Name;
        }).RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Token(string area = "E06000023") =>
        DevelopmentTokens.Issue(Auth, "worker-1", PlatformRoles.SupportWorker, "outreach-bristol", area);

    private async Task<(HttpStatusCode Status, string Body)> Call(string token)
    {
        using var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/caller");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_sent_again_is_not_checked_again_and_each_call_has_a_principal_of_its_own()
    {
        var token = Token();

        for (var call = 0; call < 3; call++)
        {
            Assert.Equal((HttpStatusCode.OK, "worker-1"), await Call(token));
        }
        Assert.Equal(1, _signatureChecks);
    }

    [Fact]
    public async Task A_token_whose_claims_are_unusable_is_refused_on_every_call()
    {
        var token = Token(area: "Bristol");

        for (var call = 0; call < 3; call++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Call(token)).Status);
        }
    }

    [Fact]
    public async Task A_token_one_character_away_from_an_accepted_one_is_refused()
    {
        var token = Token();
        Assert.Equal(HttpStatusCode.OK, (await Call(token)).Status);
        var signature = token.LastIndexOf('.') + 10;
        var tampered = token[..signature] + (token[signature] == 'A' ? 'B' : 'A') + token[(signature + 1)..];

        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(tampered)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(token)).Status);
        Assert.Equal(2, _signatureChecks);
    }
}
