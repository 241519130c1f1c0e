using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Registry.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The README's promise: one command starts the platform, and its curl example registers a person,
/// finds her by a misspelt name and reads her back. These tests follow that example step by step.
/// </summary>
public sealed class StandaloneTests : IAsyncLifetime
{
    private PlatformProcess _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", PlatformProcess.NoSetup);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Readme_example_registers_finds_by_misspelt_name_and_reads_back()
    {
        var token = await DevelopmentToken.GetAsync(_platform.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var registered = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new
            {
                names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Catherine", familyName = "Smith" } },
                dateOfBirth = new { year = 1986, month = 3, day = 7 },
                nhsNumber = "943 476 5919",
            },
            address = new { lines = new[] { "1 High Street" }, postcode = "BS1 1AA", localAuthority = "E06000023" },
        });
        registered.EnsureSuccessStatusCode();
        using var created = JsonDocument.Parse(await registered.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("person").GetProperty("personId").GetString();

        using var found = JsonDocument.Parse(await http.GetStringAsync("/v1/persons:search?name=Kathryn%20Smyth"));
        using var read = JsonDocument.Parse(await http.GetStringAsync($"/v1/persons/{id}"));

        Assert.Equal(id, found.RootElement.GetProperty("matches")[0].GetProperty("personId").GetString());
        Assert.Equal("9434765919", read.RootElement.GetProperty("details").GetProperty("nhsNumber").GetString());
    }

    [Fact]
    public async Task Readme_engagement_example_records_contacts_and_reads_the_chronology_summary_and_export()
    {
        var token = await DevelopmentToken.GetAsync(_platform.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var registered = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Marian", familyName = "Oakes" } } },
            address = new { lines = new[] { "2 Quay Street" }, postcode = "BS1 4AA", localAuthority = "E06000023" },
        });
        using var created = JsonDocument.Parse(await registered.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("person").GetProperty("personId").GetString();
        var seen = DateTimeOffset.UtcNow.AddHours(-2);

        // The registry's events reach the engagement service through the bus: her record is known there shortly after.
        var contact = await RetryUntilKnownAsync(() => http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId = id, contactAt = seen, channel = "CHANNEL_OUTREACH_VISIT", outcome = "OUTCOME_MADE",
            durationMinutes = 40, seenAlone = true, themes = new[] { "THEME_HOUSING", "THEME_ALCOHOL" },
            personsWords = "I want somewhere safe, away from him", significant = true,
        }));
        (await http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId = id, contactAt = seen.AddHours(1), channel = "CHANNEL_PHONE", outcome = "OUTCOME_ATTEMPTED",
        })).EnsureSuccessStatusCode();
        // Contacts only: the registry's involvement reaches the chronology through a queue of its own, in its own time.
        using var chronology = JsonDocument.Parse(await http.GetStringAsync(
            $"/v1/engagement/persons/{id}/chronology?newestFirst=true&filter.kinds=ENTRY_KIND_CONTACT"));
        using var summary = JsonDocument.Parse(await http.GetStringAsync($"/v1/engagement/persons/{id}/summary"));
        var csv = await http.GetAsync($"/v1/engagement/persons/{id}/chronology:export?format=FORMAT_CSV");

        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        var summaries = chronology.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("summary").GetString()).ToList();
        Assert.Equal(["Phone: attempted, no contact", "Outreach visit: contact made, seen alone"], summaries);
        Assert.Equal(1, summary.RootElement.GetProperty("attemptsSinceLastSuccess").GetInt32());
        Assert.Equal(1.0, summary.RootElement.GetProperty("seenAloneShare90Days").GetDouble());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("I want somewhere safe, away from him", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

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

    [Fact]
    public async Task Bad_input_over_json_is_a_400_naming_the_field()
    {
        var token = await DevelopmentToken.GetAsync(_platform.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Ann", familyName = "Lee" } }, nhsNumber = "1234567890" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("details.nhs_number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_port_serves_reflection_and_health_without_a_token()
    {
        using var channel = GrpcChannel.ForAddress(_platform.GrpcAddress);
        var health = new Grpc.Health.V1.Health.HealthClient(channel);

        var status = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
    }

    [Fact]
    public async Task Development_token_endpoint_refuses_an_unknown_role()
    {
        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };

        var response = await http.PostAsJsonAsync("/dev/token", new { role = "superuser", agency = "x", area = "E06000023" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
