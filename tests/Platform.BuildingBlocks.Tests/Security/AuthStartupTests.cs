using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>How a host's token validation is settled when it starts, in each environment.</summary>
public sealed class AuthStartupTests
{
    private static readonly string Key = AuthOptions.GenerateDevelopmentKey();

    private static WebApplicationBuilder Builder(string environment, params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        return builder;
    }

    private static string Refusal(string environment, params (string, string?)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => Builder(environment, settings).AddPlatformAuthentication()).Message;

    private static AuthOptions Started(string environment, params (string, string?)[] settings)
    {
        var builder = Builder(environment, settings).AddPlatformAuthentication();
        return builder.Services.BuildServiceProvider().GetRequiredService<AuthOptions>();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_a_symmetric_key_stops_the_start_naming_the_setting(string environment)
    {
        var message = Refusal(environment, ("Auth:SigningKey", Key), ("Auth:Authority", "https://login.example.org/"));

        Assert.Contains("Auth:SigningKey", message, StringComparison.Ordinal);
        Assert.Contains(environment, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Outside_development_no_authority_stops_the_start_naming_the_setting(string? authority)
    {
        Assert.Contains("Auth:Authority", Refusal(Environments.Production, ("Auth:Authority", authority)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.org/")]
    [InlineData("login.example.org")]
    public void Outside_development_the_authority_must_be_an_https_url(string authority)
    {
        Assert.Contains("https", Refusal(Environments.Production, ("Auth:Authority", authority)), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_with_an_authority_starts_without_any_key()
    {
        var auth = Started(Environments.Production, ("Auth:Authority", "https://login.example.org/"));

        Assert.Null(auth.SigningKey);
        Assert.Equal(["https://login.example.org", "https://login.example.org/"], auth.ValidIssuers());
    }

    [Fact]
    public void Development_without_a_key_makes_a_random_one_for_the_life_of_the_process()
    {
        var first = Started(Environments.Development);
        var second = Started(Environments.Development);

        Assert.True(first.SigningKeyIsEphemeral);
        Assert.True(first.SigningKey!.Length >= AuthOptions.MinimumSigningKeyLength);
        Assert.NotEqual(first.SigningKey, second.SigningKey);
    }

    [Fact]
    public void Development_uses_the_key_it_is_given_and_refuses_a_short_one_or_a_key_beside_an_authority()
    {
        Assert.Equal(Key, Started(Environments.Development, ("Auth:SigningKey", Key)).SigningKey);
        Assert.Contains("at least 32", Refusal(Environments.Development, ("Auth:SigningKey", "short")), StringComparison.Ordinal);
        Assert.Contains("both", Refusal(Environments.Development, ("Auth:SigningKey", Key), ("Auth:Authority", "https://login.example.org/")),
            StringComparison.Ordinal);
    }
}
