using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Platform.Registry;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>
/// The walk-through in docs/housing.md, as JSON over HTTP with the registry in the same host: register
/// a person, load a placement, set her needs, match with why-not, offer, accept, move in, move on.
/// </summary>
public sealed class JsonWalkthroughTests
{
    [Fact]
    public async Task A_housing_officer_runs_an_offer_to_move_in_over_json()
    {
        await using var host = await TestHost.StartAsync(b => { b.AddRegistry(); b.AddHousing(); }, a => { a.MapRegistry(); a.MapHousing(); });
        using var http = host.Http(Identity.HousingOfficer());

        var person = await PostAsync(http, "/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Mary", familyName = "Jones" } } },
            address = new { lines = new[] { "1 High Street" }, localAuthority = "E06000023" },
            confirmedNotDuplicate = true,
        });
        var personId = person.GetProperty("person").GetProperty("personId").GetString()!;
        await World.UntilAsync(host, "SELECT COUNT(*) FROM access_persons WHERE person_id = @PersonId", personId);

        var provider = await PostAsync(http, "/v1/housing/providers", new
        {
            name = "Women's Housing Trust",
            attributes = new
            {
                type = "PLACEMENT_TYPE_SPECIALIST_WOMENS_SERVICE", womenOnly = true, maxRiskLevel = "RISK_LEVEL_HIGH", traumaInformed = true,
                housingBenefitEligible = true, accepts = new { activeAlcoholUse = true, activeDrugUse = true, mentalHealthNeeds = true },
            },
        });
        var scheme = await PostAsync(http, $"/v1/housing/providers/{Id(provider, "providerId")}/schemes", new
        {
            name = "Harbourside",
            attributes = new { location = new { latitude = 51.4495, longitude = -2.5980, localAuthority = "E06000023" }, support = new { supportHoursPerWeek = 12 } },
        });
        var unit = await PostAsync(http, $"/v1/housing/schemes/{Id(scheme, "schemeId")}/units", new { name = "Flat 3", attributes = new { accessibility = new { groundFloor = true } } });
        var vacancy = await PostAsync(http, $"/v1/housing/units/{Id(unit, "unitId")}/vacancies", new { });
        var needs = await SendAsync(http, HttpMethod.Put, $"/v1/housing/persons/{personId}/needs", new
        {
            profile = new
            {
                womenOnly = true, circumstances = new { activeAlcoholUse = true }, supportHoursNeeded = 10,
                exclusionZones = new[] { new { circle = new { latitude = 51.38, longitude = -2.36, radiusKm = 5 } } },
            },
        });
        var matches = await http.GetFromJsonAsync<JsonElement>($"/v1/housing/persons/{personId}/matches?includeExcluded=true&pageSize=5");
        var offer = await PostAsync(http, $"/v1/housing/persons/{personId}/offers", new { vacancyId = Id(vacancy, "vacancyId") });
        var accepted = await PostAsync(http, $"/v1/housing/offers/{Id(offer, "offerId")}:accept", new { expectedVersion = offer.GetProperty("version").GetInt64() });
        var tenancy = await PostAsync(http, "/v1/housing/tenancies", new { offerId = Id(offer, "offerId"), expectedVersion = accepted.GetProperty("version").GetInt64() });
        var ended = await PostAsync(http, $"/v1/housing/tenancies/{Id(tenancy, "tenancyId")}:end", new
        {
            expectedVersion = tenancy.GetProperty("version").GetInt64(), endKind = "TENANCY_END_KIND_PLANNED_MOVE_ON", reason = "Moved on to her own tenancy",
        });
        var sustainment = await http.GetFromJsonAsync<JsonElement>($"/v1/housing/sustainment?providerId={Id(provider, "providerId")}");

        Assert.Equal("RISK_LEVEL_STANDARD", needs.GetProperty("effectiveRiskLevel").GetString());
        var match = Assert.Single(matches.GetProperty("matches").EnumerateArray(), m => m.GetProperty("unitId").GetString() == Id(unit, "unitId"));
        Assert.True(match.GetProperty("fits").GetBoolean());
        Assert.Equal("OFFER_STATUS_ACCEPTED", accepted.GetProperty("status").GetString());
        Assert.Equal("TENANCY_END_KIND_PLANNED_MOVE_ON", ended.GetProperty("endKind").GetString());
        Assert.Equal(1, sustainment.GetProperty("providers")[0].GetProperty("plannedMoveOn").GetInt32());
    }

    private static string Id(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    private static Task<JsonElement> PostAsync(HttpClient http, string path, object body) => SendAsync(http, HttpMethod.Post, path, body);

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
