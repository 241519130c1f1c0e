using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>Obtains a token the way the README tells a new user to: POST /dev/token.</summary>
public static class DevelopmentToken
{
    public static async Task<string> GetAsync(Uri httpAddress, string role, string agency, string area)
    {
        using var http = new HttpClient { BaseAddress = httpAddress };
        var response = await http.PostAsJsonAsync("/dev/token", new { role, agency, area });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
