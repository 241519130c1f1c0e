using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Registry;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>One timeline per person, merged from contacts and the other services' events over her linked records.</summary>
public sealed class ChronologyTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Contacts_and_events_of_linked_records_merge_in_time_order()
    {
        var kept = await fixture.PersonAsync();
        var linked = await fixture.PersonAsync();
        var now = fixture.Now;
        await _worker.RecordAsync(Contacts.Made(kept, now.AddDays(-5)));
        await _worker.RecordAsync(Contacts.Attempted(linked, now.AddDays(-3)));
        await fixture.Host.Bus.Publish(new RiskLevelChanged { PersonId = linked, RiskLevel = RiskLevels.Medium, Agency = "asc-bristol", OccurredAt = now.AddDays(-4) });
        await fixture.Host.Bus.Publish(new PersonMoved
        {
            PersonId = kept, FromLocalAuthority = EngagementFixture.Bristol, ToLocalAuthority = EngagementFixture.Bristol, MovedAt = now.AddDays(-1), OccurredAt = now,
        });
        await fixture.LinkAsync(kept, linked);
        await Eventually.TrueAsync(async () => await fixture.ChronologyCountAsync(kept) == 3 && await fixture.ChronologyCountAsync(linked) == 3);

        var entries = await _worker.ChronologyAsync(kept);

        Assert.Equal(6, entries.Count);
        Assert.Equal(entries.OrderBy(e => e.OccurredAt).ThenBy(e => e.EntryId, StringComparer.Ordinal).Select(e => e.EntryId), entries.Select(e => e.EntryId));
        Assert.Equal(
            [EntryKind.Contact, EntryKind.RiskChanged, EntryKind.Contact, EntryKind.Move],
            entries.Where(e => e.Kind != EntryKind.InvolvementStarted).Select(e => e.Kind));
        Assert.Equal([kept, linked, linked, kept], entries.Where(e => e.Kind != EntryKind.InvolvementStarted).Select(e => e.PersonId));
        // Asked by the linked record's id, the same merged timeline comes back.
        Assert.Equal(entries.Select(e => e.EntryId), (await _worker.ChronologyAsync(linked)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task Filters_select_by_period_agency_kind_theme_and_significance()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, EngagementFixture.Outreach, "drugs-bristol");
        var drugs = fixture.As(Identity.SupportWorker("drugs-bristol"));
        var t = Enumerable.Range(0, 4).Select(i => fixture.Now.AddDays(-10 + i)).ToArray();
        var housing = Contacts.Made(person, t[0], true, Theme.Housing);
        housing.Significant = true;
        await _worker.RecordAsync(housing);
        var attempt = Contacts.Attempted(person, t[1]);
        attempt.Themes.Add(Theme.Drugs);
        await drugs.RecordAsync(attempt);
        await _worker.RecordAsync(Contacts.Made(person, t[2], false, Theme.Alcohol, Theme.Drugs));
        await _worker.RecordAsync(Contacts.Declined(person, t[3]));

        async Task<IEnumerable<DateTimeOffset>> Read(ChronologyFilter filter) =>
            (await _worker.ChronologyAsync(person, filter)).Select(e => e.OccurredAt.ToDateTimeOffset());

        Assert.Equal([t[1], t[2]], await Read(new ChronologyFilter { From = At(t[1]), Until = At(t[3]) }));
        Assert.Equal(["drugs-bristol", "drugs-bristol"], (await _worker.ChronologyAsync(person, new ChronologyFilter { Agencies = { "drugs-bristol" } })).Select(e => e.Agency));
        Assert.Equal(t, await Read(new ChronologyFilter { Kinds = { EntryKind.Contact } }));
        Assert.Equal(2, (await Read(new ChronologyFilter { Kinds = { EntryKind.InvolvementStarted } })).Count());
        Assert.Equal([t[0], t[1], t[2]], await Read(new ChronologyFilter { Themes = { Theme.Housing, Theme.Drugs } }));
        Assert.Equal([t[0]], await Read(new ChronologyFilter { SignificantOnly = true }));
        Assert.Equal([t[2]], await Read(new ChronologyFilter { Agencies = { EngagementFixture.Outreach }, Kinds = { EntryKind.Contact }, Themes = { Theme.Drugs } }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Paging_returns_every_entry_once_in_either_order(bool newestFirst)
    {
        var person = await fixture.PersonAsync();
        // Three contacts share each instant, so pages must break ties by entry id.
        for (var i = 0; i < 21; i++)
        {
            await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddDays(-20).AddHours(i / 3)));
        }

        var whole = await _worker.ChronologyAsync(person, newestFirst: newestFirst, pageSize: 1000);
        var paged = await _worker.ChronologyAsync(person, newestFirst: newestFirst, pageSize: 4);

        Assert.Equal(22, whole.Count);
        Assert.Equal(whole.Select(e => e.EntryId), paged.Select(e => e.EntryId));
        var oldestFirst = whole.OrderBy(e => e.OccurredAt).ThenBy(e => e.EntryId, StringComparer.Ordinal).Select(e => e.EntryId);
        Assert.Equal(newestFirst ? oldestFirst.Reverse() : oldestFirst, whole.Select(e => e.EntryId));
    }

    [Fact]
    public async Task Page_token_works_only_for_the_person_and_filter_it_was_issued_for()
    {
        var person = await fixture.PersonAsync();
        var other = await fixture.PersonAsync();
        for (var i = 0; i < 3; i++)
        {
            await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-3 + i)));
        }
        var first = await _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageSize = 2 });
        Assert.NotEmpty(first.NextPageToken);
        var token = first.NextPageToken;
        // The same token with its position moved back a little: it would skip or repeat entries.
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
        var tampered = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((text[0] == '5' ? '6' : '5') + text[1..]));

        await Rpc.RejectsField("page_token", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = other, PageSize = 2, PageToken = token }));
        await Rpc.RejectsField("page_token", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageSize = 2, PageToken = token, NewestFirst = true }));
        await Rpc.RejectsField("page_token", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest
        {
            PersonId = person, PageSize = 2, PageToken = token, Filter = new ChronologyFilter { SignificantOnly = true },
        }));
        await Rpc.RejectsField("page_token", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageToken = "not a token" }));
        await Rpc.RejectsField("page_token", () => _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageSize = 2, PageToken = tampered }));
        var second = await _worker.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person, PageSize = 2, PageToken = token });
        Assert.Equal(2, second.Entries.Count);
    }

    private static Timestamp At(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);
}
