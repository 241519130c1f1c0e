namespace Platform.EndToEnd.Tests;

/// <summary>A service started outside Development without an OpenID Connect authority stops at once, saying which setting to fix.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Production_without_an_authority_refuses_to_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformProcess.StartAsync("services/Registry", "Platform.Registry",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__SigningKey"] = "" }));

        Assert.Contains("Auth:Authority is required in the 'Production' environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_a_symmetric_signing_key_refuses_to_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformProcess.StartAsync("services/Registry", "Platform.Registry",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__Authority"] = "https://login.example.org/" }));

        Assert.Contains("Auth:SigningKey is set", error.Message, StringComparison.Ordinal);
    }
}
