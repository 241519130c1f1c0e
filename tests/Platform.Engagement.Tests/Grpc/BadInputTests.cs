using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Engagement.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>Whatever a caller sends wrong gets the status that says so, naming the field, and nothing is stored.</summary>
public sealed class BadInputTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Theory]
    [InlineData("contact in the future", "details.contact_at")]
    [InlineData("no contact time", "details.contact_at")]
    [InlineData("malformed contact time", "details.contact_at")]
    [InlineData("negative duration", "details.duration_minutes")]
    [InlineData("duration over twelve hours", "details.duration_minutes")]
    [InlineData("unknown channel", "details.channel")]
    [InlineData("unspecified channel", "details.channel")]
    [InlineData("unknown outcome", "details.outcome")]
    [InlineData("unknown theme", "details.themes[1]")]
    [InlineData("seen alone on an attempt", "details.seen_alone")]
    [InlineData("seen alone with others noted", "details.seen_alone")]
    [InlineData("seen alone with a registered person present", "details.seen_alone")]
    [InlineData("other present not in the registry", "details.others_present[0]")]
    [InlineData("other present with a malformed id", "details.others_present[0]")]
    [InlineData("the person present with herself", "details.others_present[0]")]
    [InlineData("malformed person id", "details.person_id")]
    [InlineData("recorded for another agency", "details.agency")]
    public async Task Invalid_contact_names_the_field_and_stores_nothing(string problem, string field)
    {
        var person = await fixture.PersonAsync();
        var other = problem.Contains("registered person", StringComparison.Ordinal) ? await fixture.PersonAsync() : Guid.NewGuid().ToString();
        var entries = await fixture.ChronologyCountAsync(person);
        var details = Contacts.Made(person, fixture.Now.AddHours(-1), seenAlone: false, Theme.Housing);
        Break(details, problem, other);

        await Rpc.RejectsField(field, () => _worker.Contacts.RecordContactAsync(new RecordContactRequest { Details = details }));

        Assert.Equal(0, await fixture.ContactCountAsync(person));
        Assert.Equal(entries, await fixture.ChronologyCountAsync(person));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var person = await fixture.PersonAsync();
        var details = Contacts.Attempted(person, fixture.Now.AddDays(1));
        details.SeenAlone = true;
        details.DurationMinutes = -5;
        details.Channel = (Channel)42;

        var fields = await Rpc.RejectsField("details.contact_at", () => _worker.Contacts.RecordContactAsync(new RecordContactRequest { Details = details }));

        Assert.Equal(["details.channel", "details.contact_at", "details.duration_minutes", "details.seen_alone"], fields.Order(StringComparer.Ordinal));
        Assert.Equal(0, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Contact_with_a_person_the_service_has_not_heard_of_is_not_found_and_not_stored()
    {
        var stranger = Guid.NewGuid().ToString();

        await Rpc.FailsWith(StatusCode.NotFound, () => _worker.Contacts.RecordContactAsync(new RecordContactRequest
        {
            Details = Contacts.Made(stranger, fixture.Now.AddHours(-1)),
        }));

        Assert.Equal(0, await fixture.ContactCountAsync(stranger));
        Assert.Equal(0, await fixture.ChronologyCountAsync(stranger));
    }

    [Fact]
    public async Task Invalid_amendment_names_the_field_and_leaves_the_original_current()
    {
        var person = await fixture.PersonAsync();
        var original = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-2)));
        var entries = await fixture.ChronologyCountAsync(person);
        var broken = Contacts.Attempted(person, fixture.Now.AddHours(-2));
        broken.SeenAlone = true;

        await Rpc.RejectsField("details.seen_alone", () => _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "She answered after all", Details = broken,
        }));

        Assert.Equal(1, await fixture.ContactCountAsync(person));
        Assert.Equal(entries, await fixture.ChronologyCountAsync(person));
    }

    [Fact]
    public async Task Amendment_cannot_move_a_contact_to_another_person()
    {
        var person = await fixture.PersonAsync();
        var other = await fixture.PersonAsync();
        var original = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-2)));

        await Rpc.RejectsField("details.person_id", () => _worker.Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = original.ContactId, Reason = "Recorded against the wrong person", Details = Contacts.Attempted(other, fixture.Now.AddHours(-2)),
        }));

        Assert.Equal((1, 0), (await fixture.ContactCountAsync(person), await fixture.ContactCountAsync(other)));
    }

    [Fact]
    public async Task Malformed_ids_name_the_field()
    {
        await Rpc.RejectsField("contact_id", () => _worker.Contacts.GetContactAsync(new GetContactRequest { ContactId = "42" }));
        await Rpc.RejectsField("person_id", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = "nobody" }));
        await Rpc.RejectsField("person_id", () => _worker.Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = "" }));
        await Rpc.RejectsField("handover_id", () => _worker.Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = "x" }));
    }

    [Fact]
    public async Task Invalid_chronology_filter_names_the_field()
    {
        var person = await fixture.PersonAsync();
        var now = fixture.Now;

        await Rpc.RejectsField("filter.until", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest
        {
            PersonId = person, Filter = new ChronologyFilter { From = Timestamp.FromDateTimeOffset(now), Until = Timestamp.FromDateTimeOffset(now.AddDays(-1)) },
        }));
        await Rpc.RejectsField("filter.kinds[0]", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest
        {
            PersonId = person, Filter = new ChronologyFilter { Kinds = { (EntryKind)77 } },
        }));
        await Rpc.RejectsField("filter.themes[0]", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest
        {
            PersonId = person, Filter = new ChronologyFilter { Themes = { (Theme)77 } },
        }));
        await Rpc.RejectsField("page_size", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageSize = 1001 }));
        await Rpc.RejectsField("format", () => _worker.Chronology.ExportChronologyAsync(new ExportChronologyRequest
        {
            PersonId = person, Format = (ExportChronologyRequest.Types.Format)9,
        }));
    }

    private void Break(ContactDetails details, string problem, string other)
    {
        switch (problem)
        {
            case "contact in the future": details.ContactAt = Timestamp.FromDateTimeOffset(fixture.Now.AddHours(1)); break;
            case "no contact time": details.ContactAt = null; break;
            case "malformed contact time": details.ContactAt = new Timestamp { Seconds = 0, Nanos = -1 }; break;
            case "negative duration": details.DurationMinutes = -1; break;
            case "duration over twelve hours": details.DurationMinutes = 721; break;
            case "unknown channel": details.Channel = (Channel)99; break;
            case "unspecified channel": details.Channel = Channel.Unspecified; break;
            case "unknown outcome": details.Outcome = (Outcome)99; break;
            case "unknown theme": details.Themes.Add((Theme)99); break;
            case "seen alone on an attempt": details.Outcome = Outcome.Attempted; details.SeenAlone = true; break;
            case "seen alone with others noted": details.SeenAlone = true; details.OthersPresentNote = "an interpreter"; break;
            case "seen alone with a registered person present": details.SeenAlone = true; details.OthersPresent.Add(other); break;
            case "other present not in the registry": details.OthersPresent.Add(other); break;
            case "other present with a malformed id": details.OthersPresent.Add("her partner"); break;
            case "the person present with herself": details.OthersPresent.Add(details.PersonId); break;
            case "malformed person id": details.PersonId = "not-an-id"; break;
            case "recorded for another agency": details.Agency = "police-avon"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "no such case");
        }
    }
}
