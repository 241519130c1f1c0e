using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The README's housing example on the standalone host: a housing officer loads a placement, sets a
/// woman's needs, gets explained matches and runs an offer to move-in, all as JSON.
/// </summary>
public sealed class StandaloneHousingTests : IAsyncLifetime
{
    private PlatformProcess _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", PlatformProcess.NoSetup);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Readme_housing_example_loads_a_placement_matches_with_reasons_and_moves_her_in()
    {
        var token = await DevelopmentToken.GetAsync(_platform.HttpAddress, "housing_officer", "housing-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Task<JsonElement> PostAsync(string path, object body) => PostJsonAsync(http, path, body);

        var person = await PostAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Mary", familyName = "Jones" } } },
            address = new { lines = new[] { "1 High Street" }, localAuthority = "E06000023" },
        });
        var personId = person.GetProperty("person").GetProperty("personId").GetString();
        var provider = await PostAsync("/v1/housing/providers", new
        {
            name = "Womens Housing Trust",
            attributes = new
            {
                type = "PLACEMENT_TYPE_SPECIALIST_WOMENS_SERVICE", womenOnly = true, maxRiskLevel = "RISK_LEVEL_HIGH",
                accepts = new { activeAlcoholUse = true, mentalHealthNeeds = true },
            },
        });
        var scheme = await PostAsync($"/v1/housing/providers/{Id(provider, "providerId")}/schemes", new
        {
            name = "Harbourside",
            attributes = new { location = new { latitude = 51.4495, longitude = -2.598, localAuthority = "E06000023" } },
        });
        var unit = await PostAsync($"/v1/housing/schemes/{Id(scheme, "schemeId")}/units", new { name = "Flat 3" });
        var vacancy = await PostAsync($"/v1/housing/units/{Id(unit, "unitId")}/vacancies", new { });

        var needs = await RetryUntilKnownAsync(() => http.PutAsJsonAsync($"/v1/housing/persons/{personId}/needs", new
        {
            profile = new
            {
                womenOnly = true, circumstances = new { activeAlcoholUse = true },
                exclusionZones = new[] { new { circle = new { latitude = 51.38, longitude = -2.36, radiusKm = 5 } } },
            },
        }));
        using var matches = JsonDocument.Parse(await http.GetStringAsync($"/v1/housing/persons/{personId}/matches?includeExcluded=true"));
        var offer = await PostAsync($"/v1/housing/persons/{personId}/offers", new { vacancyId = Id(vacancy, "vacancyId") });
        var accepted = await PostAsync($"/v1/housing/offers/{Id(offer, "offerId")}:accept", new { expectedVersion = 1 });
        var tenancy = await PostAsync("/v1/housing/tenancies", new { offerId = Id(offer, "offerId"), expectedVersion = 2 });

        Assert.Equal(HttpStatusCode.OK, needs.StatusCode);
        var fit = matches.RootElement.GetProperty("matches").EnumerateArray().Single(m => Id(m, "unitId") == Id(unit, "unitId"));
        Assert.Contains(fit.GetProperty("rules").EnumerateArray(),
            rule => rule.GetProperty("rule").GetString() == "active-alcohol-use" && rule.GetProperty("passed").GetBoolean());
        Assert.Contains("ACCEPTED", accepted.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(personId, Id(tenancy, "personId"));
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Id(JsonElement element, string name) =>
        element.TryGetProperty(name, out var id) ? id.GetString() : FindId(element, name);

    private static string? FindId(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => Id(p.Value, name)).FirstOrDefault(id => id is not null);

    /// <summary>Housing hears of a newly registered person through the bus a moment after the registry stores her.</summary>
    private static async Task<HttpResponseMessage> RetryUntilKnownAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var response = await send();
        while (response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            response = await send();
        }
        return response;
    }
}
