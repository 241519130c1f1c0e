using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class JsonTranscodingTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Person_is_registered_and_found_over_http_json()
    {
        using var http = fixture.Host.Http(Identity.SupportWorker());

        using var registered = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new
            {
                names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Theodora", familyName = "Winterbottom" } },
                dateOfBirth = new { year = 1979, month = 10 },
                sex = "SEX_FEMALE",
                nhsNumber = "943 476 5919",
            },
            address = new { lines = new[] { "5 Quay Street" }, postcode = "bs1 4dj", localAuthority = "E06000023" },
        });
        var registeredJson = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.StatusCode == HttpStatusCode.OK, registeredJson);
        var person = JsonDocument.Parse(registeredJson).RootElement.GetProperty("person");
        var personId = person.GetProperty("personId").GetString();

        using var searched = await http.GetAsync("/v1/persons:search?name=Theodora%20Wintrebottom&dateOfBirth.year=1979");
        var searchJson = await searched.Content.ReadAsStringAsync();

        Assert.True(Guid.TryParse(personId, out _), registeredJson);
        Assert.Equal(1, person.GetProperty("version").GetInt64());
        Assert.Equal("9434765919", person.GetProperty("details").GetProperty("nhsNumber").GetString());
        Assert.Equal("SEX_FEMALE", person.GetProperty("details").GetProperty("sex").GetString());
        Assert.Equal("BS1 4DJ", person.GetProperty("addresses")[0].GetProperty("postcode").GetString());
        Assert.True(searched.StatusCode == HttpStatusCode.OK, searchJson);
        var match = Assert.Single(JsonDocument.Parse(searchJson).RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal(personId, match.GetProperty("personId").GetString());
        Assert.Equal("Theodora Winterbottom", match.GetProperty("displayName").GetString());
        Assert.Equal(10, match.GetProperty("dateOfBirth").GetProperty("month").GetInt32());
        Assert.Equal("E06000023", match.GetProperty("localAuthority").GetString());
    }

    [Fact]
    public async Task Invalid_json_request_is_a_bad_request_naming_the_field()
    {
        using var http = fixture.Host.Http(Identity.SupportWorker());

        using var response = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Ulysses", familyName = "Vowles" } }, nhsNumber = "123" },
        });
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("details.nhs_number", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_call_without_a_token_is_unauthorized()
    {
        using var http = fixture.Host.Http(null);

        using var response = await http.GetAsync("/v1/persons:search?name=Winterbottom");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
