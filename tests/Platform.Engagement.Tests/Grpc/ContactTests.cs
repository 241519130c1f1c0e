using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Engagement;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

public sealed class ContactTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Recorded_contact_reads_back_as_recorded_and_is_announced()
    {
        var person = await fixture.PersonAsync();
        var details = Contacts.Made(person, fixture.Now.AddHours(-2), seenAlone: true, Theme.Housing, Theme.Alcohol);

        var contact = await _worker.RecordAsync(details);
        var read = await _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = contact.ContactId });

        Assert.Equal(contact, read);
        details.Agency = EngagementFixture.Outreach; // an empty agency is the caller's own
        Assert.Equal(details, read.Details);
        Assert.Equal("support@outreach-bristol", read.RecordedBy);
        var recorded = await fixture.Events.WaitForAsync<ContactRecorded>(e => e.ContactId == contact.ContactId);
        Assert.Equal(("outreach-visit", "made", true), (recorded.Channel, recorded.Outcome, recorded.SeenAlone));
    }

    [Fact]
    public async Task Contact_recorded_as_json_is_the_same_contact_over_grpc()
    {
        var person = await fixture.PersonAsync();
        var at = fixture.Now.AddHours(-1).ToUniversalTime();
        using var http = fixture.Host.Http(Identity.SupportWorker());

        using var response = await http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId = person, contactAt = at.ToString("yyyy-MM-ddTHH:mm:ssZ"), channel = "CHANNEL_PHONE",
            outcome = "OUTCOME_DECLINED", themes = new[] { "THEME_DOMESTIC_ABUSE" }, note = "Said she was fine",
        });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var contactId = json.RootElement.GetProperty("contactId").GetString()!;
        var read = await _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = contactId });
        Assert.Equal((Channel.Phone, Outcome.Declined), (read.Details.Channel, read.Details.Outcome));
        Assert.Equal([Theme.DomesticAbuse], read.Details.Themes);
        Assert.Equal(at.ToUnixTimeSeconds(), read.Details.ContactAt.Seconds);
    }

    [Fact]
    public async Task Invalid_contact_sent_as_json_is_a_bad_request_naming_the_field()
    {
        var person = await fixture.PersonAsync();
        using var http = fixture.Host.Http(Identity.SupportWorker());

        using var response = await http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId = person, contactAt = fixture.Now.AddDays(1).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            channel = "CHANNEL_PHONE", outcome = "OUTCOME_MADE",
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("details.contact_at", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Amendment_supersedes_the_original_and_both_stay_visible()
    {
        var person = await fixture.PersonAsync();
        var original = await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddHours(-3), seenAlone: true));
        var corrected = Contacts.Made(person, fixture.Now.AddHours(-3), seenAlone: false);
        corrected.OthersPresentNote = "her partner";

        var amendment = await _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "Her partner was in the room throughout", Details = corrected,
        });

        Assert.Equal(original.ContactId, amendment.SupersedesContactId);
        Assert.Equal("Her partner was in the room throughout", amendment.AmendmentReason);
        var reread = await _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = original.ContactId });
        Assert.Equal(amendment.ContactId, reread.SupersededByContactId);
        Assert.True(reread.Details.SeenAlone); // the original reads as it was recorded
        var contacts = (await _worker.ChronologyAsync(person)).Where(e => e.Kind == EntryKind.Contact).ToList();
        Assert.Equal(2, contacts.Count);
        Assert.True(contacts.Single(e => e.ContactId == original.ContactId).Superseded);
        var current = contacts.Single(e => e.ContactId == amendment.ContactId);
        Assert.False(current.Superseded);
        Assert.StartsWith("Amended: ", current.Summary, StringComparison.Ordinal);
        Assert.Contains("Her partner was in the room throughout", current.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amending_a_contact_already_amended_fails_the_precondition_and_stores_nothing()
    {
        var person = await fixture.PersonAsync();
        var original = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-3)));
        await _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "Wrong channel", Details = Contacts.Attempted(person, fixture.Now.AddHours(-3)),
        });

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "Second go", Details = Contacts.Attempted(person, fixture.Now.AddHours(-3)),
        }));

        Assert.Equal(2, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Another_agency_cannot_amend_a_contact_it_did_not_record()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, EngagementFixture.Outreach, "drugs-bristol");
        var original = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-3)));
        var other = fixture.As(Identity.SupportWorker("drugs-bristol"));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => other.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "We think this was us", Details = Contacts.Attempted(person, fixture.Now.AddHours(-3)),
        }));

        Assert.Equal(1, await fixture.ContactCountAsync(person));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Amendment_without_a_reason_names_the_reason_and_stores_nothing(string reason)
    {
        var person = await fixture.PersonAsync();
        var original = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-3)));

        await Rpc.RejectsField("reason", () => _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = reason, Details = Contacts.Attempted(person, fixture.Now.AddHours(-2)),
        }));

        Assert.Equal(1, await fixture.ContactCountAsync(person));
        Assert.Empty((await _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = original.ContactId })).SupersededByContactId);
    }

    [Fact]
    public async Task Unknown_contact_is_not_found()
    {
        await Rpc.FailsWith(StatusCode.NotFound,
            () => _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = Guid.NewGuid().ToString() }));
    }
}
