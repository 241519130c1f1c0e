using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform's audit API on the standalone host, as an auditor calls it with curl: one trail over
/// the registry's, engagement's and housing's own databases, refusals included, each read of it
/// recorded, and nobody but an auditor let in.
/// </summary>
public sealed class StandaloneAuditTests(StandaloneAuditTests.Standalone platform) : IClassFixture<StandaloneAuditTests.Standalone>
{
    private const string Bristol = "E06000023";
    private const string Devon = "E10000008";

    [Fact]
    public async Task Readme_audit_example_shows_who_accessed_a_person_in_every_service()
    {
        using var worker = await platform.CallerAsync("support_worker", "outreach-bristol", Bristol);
        var personId = await RegisterAsync(worker, "Rosalind", "Ashcombe");
        await RecordContactAsync(worker, personId);
        var needs = await worker.UntilKnownAsync(http => http.PutAsJsonAsync($"/v1/housing/persons/{personId}/needs", new { profile = new { womenOnly = true } }));
        Assert.Equal(HttpStatusCode.OK, needs.StatusCode);
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);

        var events = await auditor.AuditAllAsync($"personId={personId}");

        Assert.Equal(["engagement", "housing", "registry"], events.Select(e => JsonCaller.Text(e, "service")).Distinct().Order());
        Assert.Contains(events, e => JsonCaller.Text(e, "action") == "person.register" && JsonCaller.Text(e, "actor") == "support_worker@outreach-bristol");
        Assert.Contains(events, e => JsonCaller.Text(e, "action") == "engagement.contact.record");
        Assert.Contains(events, e => JsonCaller.Text(e, "action") == "housing.needs.set");
        Assert.Equal(events.Select(e => e.GetProperty("at").GetDateTimeOffset()).OrderDescending(), events.Select(e => e.GetProperty("at").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_refused_read_in_any_service_is_in_the_trail()
    {
        using var worker = await platform.CallerAsync("support_worker", "outreach-bristol", Bristol);
        var personId = await RegisterAsync(worker, "Philippa", "Brackenbury");
        await RecordContactAsync(worker, personId);
        using var outsider = await platform.CallerAsync("support_worker", "police-devon", Devon, "outsider@police-devon");

        var registry = await outsider.Http.GetAsync($"/v1/persons/{personId}");
        var engagement = await outsider.Http.GetAsync($"/v1/engagement/persons/{personId}/chronology");
        var housing = await outsider.UntilKnownAsync(http => http.GetAsync($"/v1/housing/persons/{personId}/needs"));
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);
        var denied = (await auditor.AuditAllAsync($"personId={personId}&subject=outsider@police-devon"))
            .Where(e => JsonCaller.Text(e, "basis") == "Denied").ToList();

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [registry.StatusCode, engagement.StatusCode, housing.StatusCode]);
        Assert.Equal(["engagement", "housing", "registry"], denied.Select(e => JsonCaller.Text(e, "service")).Order());
    }

    [Fact]
    public async Task A_refusal_made_after_access_was_granted_is_in_the_trail()
    {
        using var worker = await platform.CallerAsync("support_worker", "outreach-bristol", Bristol);
        var personId = await RegisterAsync(worker, "Millicent", "Crowthorne");
        var contactId = JsonCaller.Text((await RecordContactAsync(worker, personId)).RootElement, "contactId");
        // Same area, so she may see the person, but another agency recorded the contact.
        using var colleague = await platform.CallerAsync("support_worker", "drugs-service-bristol", Bristol, "amender@drugs-service-bristol");

        var amend = await colleague.Http.PostAsJsonAsync($"/v1/engagement/contacts/{contactId}:amend", new
        {
            reason = "wrong time", details = new { personId, contactAt = DateTimeOffset.UtcNow.AddHours(-3), channel = "CHANNEL_PHONE", outcome = "OUTCOME_MADE" },
        });
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);
        var trail = await auditor.AuditAllAsync("subject=amender@drugs-service-bristol");

        Assert.Equal(HttpStatusCode.Forbidden, amend.StatusCode);
        var refusal = Assert.Single(trail);
        Assert.Equal(("engagement.contact.amend", "Denied", personId), (JsonCaller.Text(refusal, "action"), JsonCaller.Text(refusal, "basis"), JsonCaller.Text(refusal, "personId")));
    }

    [Fact]
    public async Task Reading_the_trail_is_recorded_in_every_services_trail_with_the_filter_used()
    {
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol, "reader@sab-audit");
        await auditor.AuditAllAsync("agency=outreach-bristol");

        var reads = await auditor.AuditAllAsync("subject=reader@sab-audit");

        var first = reads.Where(e => JsonCaller.Text(e, "reason").Contains("agency=outreach-bristol", StringComparison.Ordinal)).ToList();
        Assert.Equal(["engagement", "housing", "registry", "safeguarding"], first.Select(e => JsonCaller.Text(e, "service")).Distinct().Order());
        Assert.All(first, e => Assert.Equal(("audit.read", "Auditor"), (JsonCaller.Text(e, "action"), JsonCaller.Text(e, "basis"))));
    }

    [Fact]
    public async Task Pages_across_services_are_newest_first_without_repeats()
    {
        using var worker = await platform.CallerAsync("support_worker", "outreach-paging", Bristol, "pager@outreach-paging");
        var personId = await RegisterAsync(worker, "Henrietta", "Dunsford");
        await RecordContactAsync(worker, personId);
        await worker.Http.GetAsync($"/v1/persons/{personId}");
        await worker.Http.GetAsync($"/v1/engagement/persons/{personId}/summary");
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);

        var paged = await auditor.AuditAllAsync("subject=pager@outreach-paging", pageSize: 1);
        var whole = await auditor.AuditAllAsync("subject=pager@outreach-paging");

        Assert.True(paged.Count >= 4);
        Assert.Equal(whole.Select(e => e.GetRawText()), paged.Select(e => e.GetRawText()));
        Assert.Equal(paged.Count, paged.Select(e => e.GetRawText()).Distinct().Count());
    }

    [Theory]
    [InlineData("support_worker")]
    [InlineData("admin")]
    [InlineData("safeguarding_lead")]
    public async Task Only_an_auditor_reads_the_trail(string role)
    {
        using var caller = await platform.CallerAsync(role, "outreach-bristol", Bristol);

        var response = await caller.AuditAsync("agency=outreach-bristol");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("", "person_id")]
    [InlineData("personId=not-an-id", "person_id")]
    [InlineData("agency=outreach-bristol&pageSize=501", "page_size")]
    public async Task A_read_without_whom_it_is_about_or_beyond_the_page_limit_names_the_field(string filter, string field)
    {
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);

        var response = await auditor.AuditAsync(filter);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agency=outreach-bristol", "from")]
    [InlineData("agency=outreach-bristol&from=2025-01-01T00:00:00Z", "until")]
    [InlineData("agency=outreach-bristol&from=2024-01-01T00:00:00Z&until=2025-06-01T00:00:00Z", "until")]
    public async Task A_read_needs_a_bounded_period(string query, string field)
    {
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);

        var response = await auditor.Http.GetAsync($"/v1/audit/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_token_cannot_widen_the_filter()
    {
        using var worker = await platform.CallerAsync("support_worker", "outreach-bristol", Bristol);
        var personId = await RegisterAsync(worker, "Winifred", "Ellerby");
        await worker.Http.GetAsync($"/v1/persons/{personId}");
        using var auditor = await platform.CallerAsync("auditor", "sab-audit", Bristol);
        var now = DateTimeOffset.UtcNow;
        using var first = JsonDocument.Parse(await (await auditor.AuditAsync($"personId={personId}", pageSize: 1, now: now)).Content.ReadAsStringAsync());
        var token = first.RootElement.GetProperty("nextPageToken").GetString();

        var widened = await auditor.AuditAsync("agency=outreach-bristol", pageSize: 1, pageToken: token, now: now);

        Assert.Equal(HttpStatusCode.BadRequest, widened.StatusCode);
        Assert.Contains("page_token", await widened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> RegisterAsync(JsonCaller worker, string given, string family)
    {
        var person = await worker.PostAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = given, familyName = family } } },
            address = new { lines = new[] { "3 Wapping Road" }, localAuthority = Bristol },
        });
        return JsonCaller.Text(person.GetProperty("person"), "personId");
    }

    private static async Task<JsonDocument> RecordContactAsync(JsonCaller worker, string personId)
    {
        var response = await worker.UntilKnownAsync(http => http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId, contactAt = DateTimeOffset.UtcNow.AddHours(-2), channel = "CHANNEL_OUTREACH_VISIT", outcome = "OUTCOME_MADE",
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }

    /// <summary>One standalone process for the class; each test registers its own people.</summary>
    public sealed class Standalone : IAsyncLifetime
    {
        private PlatformProcess _process = null!;

        public async Task InitializeAsync() => _process = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone");

        public async Task DisposeAsync() => await _process.DisposeAsync();

        public async Task<JsonCaller> CallerAsync(string role, string agency, string area, string? subject = null) =>
            new(_process.HttpAddress, await DevelopmentToken.GetAsync(_process.HttpAddress, role, agency, area, subject));
    }
}
