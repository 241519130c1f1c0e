using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>The catalogue's list and batch calls over their JSON routes, as curl would call them.</summary>
public sealed class CatalogueJsonTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    [Fact]
    public async Task Units_are_loaded_in_a_batch_and_listed_by_scheme_and_by_vacancy_over_json()
    {
        using var http = fixture.Host.Http(Identity.HousingOfficer());
        var scheme = await World.SchemeAsync(fixture.Officer);

        var created = await http.PostAsJsonAsync($"/v1/housing/schemes/{scheme.SchemeId}/units:batchCreate",
            new { units = new object[] { new { name = "Room 2" }, new { name = "Room 1", attributes = new { womenOnly = false } } } });
        var bad = await http.PostAsJsonAsync($"/v1/housing/schemes/{scheme.SchemeId}/units:batchCreate",
            new { units = new object[] { new { name = "Room 3" }, new { name = "" } } });
        using var listed = JsonDocument.Parse(await http.GetStringAsync($"/v1/housing/schemes/{scheme.SchemeId}/units?pageSize=1"));
        using var vacant = JsonDocument.Parse(await http.GetStringAsync(
            $"/v1/housing/units?providerId={scheme.ProviderId}&vacancy=VACANCY_FILTER_WITH_VACANCY"));
        using var schemes = JsonDocument.Parse(await http.GetStringAsync($"/v1/housing/providers/{scheme.ProviderId}/schemes"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("units[1].name", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Room 1", listed.RootElement.GetProperty("units")[0].GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(listed.RootElement.GetProperty("nextPageToken").GetString()));
        Assert.Equal(0, vacant.RootElement.TryGetProperty("units", out var units) ? units.GetArrayLength() : 0);
        Assert.Equal("Harbourside", schemes.RootElement.GetProperty("schemes")[0].GetProperty("name").GetString());
    }
}
