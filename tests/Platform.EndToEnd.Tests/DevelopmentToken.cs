using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Security;

namespace Platform.EndToEnd.Tests;

/// <summary>Tokens for the processes under test: the way the README tells a new user (POST /dev/token), or minted directly.</summary>
public static class DevelopmentToken
{
    public static async Task<string> GetAsync(Uri httpAddress, string role, string agency, string area, string? subject = null)
    {
        using var http = new HttpClient { BaseAddress = httpAddress };
        var response = await http.PostAsJsonAsync("/dev/token", new { subject, role, agency, area });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Signed with the key every process under test is given, without a call (and so without spending a rate-limit token).</summary>
    public static string Mint(string role, string agency, string area, string subject, string? signingKey = null) =>
        DevelopmentTokens.Issue(new AuthOptions { SigningKey = signingKey ?? PlatformProcess.SigningKey }, subject, role, agency, area);
}
