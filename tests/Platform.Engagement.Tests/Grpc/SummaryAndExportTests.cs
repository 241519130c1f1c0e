using System.Text.Json;
using Platform.Engagement.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>The engagement summary drawn from the chronology, and the chronology as a file for a review.</summary>
public sealed class SummaryAndExportTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Summary_shows_last_success_attempts_since_voice_and_agencies()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, EngagementFixture.Outreach, "drugs-bristol");
        var now = fixture.Now;
        await _worker.RecordAsync(Contacts.Made(person, now.AddDays(-5), seenAlone: false));
        await _worker.RecordAsync(Contacts.Made(person, now.AddDays(-10), seenAlone: true));
        await _worker.RecordAsync(Contacts.Made(person, now.AddDays(-100), seenAlone: false)); // outside the 90 days
        await _worker.RecordAsync(Contacts.Attempted(person, now.AddDays(-3)));
        await _worker.RecordAsync(Contacts.Declined(person, now.AddDays(-1)));

        var summary = await _worker.SummaryAsync(person);

        Assert.Equal(now.AddDays(-5), summary.LastSuccessfulContact.ToDateTimeOffset());
        Assert.Equal(now.AddDays(-1), summary.LastAttempt.ToDateTimeOffset());
        Assert.Equal(2, summary.AttemptsSinceLastSuccess);
        Assert.Equal(2, summary.SuccessfulContacts90Days);
        Assert.Equal(0.5, summary.SeenAloneShare90Days);
        Assert.Equal(2, summary.ActiveAgencies);
        Assert.Equal(5, summary.DaysSinceLastSuccessfulContact);
        Assert.Equal("standard", summary.RiskLevel);
        Assert.False(summary.NeedsAssertiveOutreach);
    }

    [Fact]
    public async Task Summary_counts_contacts_per_month_with_an_amended_contact_once()
    {
        var person = await fixture.PersonAsync();
        var now = fixture.Now;
        var monthStart = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset ThisMonth(int quarter) => monthStart + (now - monthStart) * quarter / 4;
        await _worker.RecordAsync(Contacts.Made(person, ThisMonth(1), seenAlone: true));
        var mistaken = await _worker.RecordAsync(Contacts.Made(person, ThisMonth(2), seenAlone: false));
        await _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = mistaken.ContactId, Reason = "No one answered the door", Details = Contacts.Attempted(person, ThisMonth(2)),
        });
        await _worker.RecordAsync(Contacts.Declined(person, monthStart.AddMonths(-2).AddDays(3)));
        await _worker.RecordAsync(Contacts.Made(person, monthStart.AddMonths(-13)));

        var months = (await _worker.SummaryAsync(person)).ContactsPerMonth;

        Assert.Equal(12, months.Count);
        Assert.Equal((monthStart.Year, monthStart.Month), (months[^1].Year, months[^1].Month));
        Assert.Equal((1, 1, 1, 0), (months[^1].Made, months[^1].SeenAlone, months[^1].Attempted, months[^1].Declined));
        Assert.Equal(1, months[^3].Declined);
        Assert.Equal(3, months.Sum(m => m.Made + m.Attempted + m.Declined));
    }

    [Fact]
    public async Task Summary_of_someone_never_reached_has_no_voice_share_and_no_days_since_success()
    {
        var person = await fixture.PersonAsync();
        await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-2)));

        var summary = await _worker.SummaryAsync(person);

        Assert.False(summary.HasSeenAloneShare90Days);
        Assert.False(summary.HasDaysSinceLastSuccessfulContact);
        Assert.Null(summary.LastSuccessfulContact);
        Assert.Equal(1, summary.AttemptsSinceLastSuccess);
    }

    [Fact]
    public async Task Csv_export_escapes_cells_and_defuses_formulas()
    {
        var person = await fixture.PersonAsync();
        var details = Contacts.Made(person, fixture.Now.AddDays(-1));
        details.Note = "=HYPERLINK(\"http://x\"), she said \"no\"";
        details.PersonsWords = "";
        await _worker.RecordAsync(details);
        using var http = fixture.Host.Http(Identity.SupportWorker());

        using var response = await http.GetAsync($"/v1/engagement/persons/{person}/chronology:export?format=FORMAT_CSV");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("occurred_at,kind,agency,summary,detail,themes,significant,superseded,person_id,entry_id,contact_id", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\"), she said \"\"no\"\"\",", csv, StringComparison.Ordinal);
        Assert.Equal(await fixture.ChronologyCountAsync(person) + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Json_export_holds_every_entry_of_the_filtered_chronology()
    {
        var person = await fixture.PersonAsync();
        var contact = await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddDays(-1), true, Theme.Housing));
        using var http = fixture.Host.Http(Identity.SupportWorker());

        var all = await ReadJsonAsync(http, $"/v1/engagement/persons/{person}/chronology:export?format=FORMAT_JSON");
        var contacts = await ReadJsonAsync(http, $"/v1/engagement/persons/{person}/chronology:export?format=FORMAT_JSON&filter.kinds=ENTRY_KIND_CONTACT");

        Assert.Equal(await fixture.ChronologyCountAsync(person), all.GetArrayLength());
        var entry = Assert.Single(contacts.EnumerateArray());
        Assert.Equal(contact.ContactId, entry.GetProperty("contact_id").GetString());
        Assert.Equal("contact", entry.GetProperty("kind").GetString());
        Assert.Equal(["housing"], entry.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
