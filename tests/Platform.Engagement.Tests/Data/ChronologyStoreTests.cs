using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.Engagement.Tests.Grpc;

namespace Platform.Engagement.Tests.Data;

/// <summary>
/// The chronology statement itself on the service's migrated SQLite file: the group of records, the
/// period bounds and the keyset position, which the API only ever reaches through it.
/// </summary>
public sealed class ChronologyStoreTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_only_the_group_asked_for_within_from_inclusive_until_exclusive()
    {
        var (one, two, outsider) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await WriteAsync(Entry(one, 0), Entry(two, 1), Entry(one, 2), Entry(outsider, 1), Entry(two, 3));

        var rows = await ReadAsync([one, two], new ChronologyQuery { From = Start.AddHours(1), Until = Start.AddHours(3) });

        Assert.Equal([(two, 1), (one, 2)], rows.Select(r => (r.PersonId, (int)(r.OccurredAt - Start).TotalHours)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keyset_position_continues_after_ties_without_losing_or_repeating(bool newestFirst)
    {
        var person = Guid.NewGuid().ToString();
        // Four entries at each of three instants: a page boundary inside a tie must break on the entry id.
        await WriteAsync(Enumerable.Range(0, 12).Select(i => Entry(person, i / 4)).ToArray());
        var all = await ReadAsync([person], new ChronologyQuery { NewestFirst = newestFirst }, 100);

        var paged = new List<ChronologyEntryRow>();
        ChronologyPosition? after = null;
        do
        {
            var page = await ReadAsync([person], new ChronologyQuery { NewestFirst = newestFirst, After = after }, 5);
            paged.AddRange(page);
            after = page.Count == 5 ? new ChronologyPosition(page[^1].OccurredAt, page[^1].EntryId) : null;
        }
        while (after is not null);

        Assert.Equal(12, all.Count);
        Assert.Equal(all.Select(r => r.EntryId), paged.Select(r => r.EntryId));
    }

    [Fact]
    public async Task Theme_filter_matches_any_of_the_themes_asked_for()
    {
        var person = Guid.NewGuid().ToString();
        var housing = Entry(person, 0, "housing");
        var both = Entry(person, 1, "alcohol,drugs");
        await WriteAsync(housing, both, Entry(person, 2, "children"), Entry(person, 3));

        var rows = await ReadAsync([person], new ChronologyQuery { Themes = ["housing", "drugs"] });

        Assert.Equal([housing.EntryId, both.EntryId], rows.Select(r => r.EntryId));
    }

    private static ChronologyEntryRow Entry(string person, int hours, string themes = "") => new()
    {
        PersonId = person, OccurredAt = Start.AddHours(hours), Kind = EntryKinds.RiskChanged, Summary = $"at {hours}", Themes = themes,
    };

    private Task WriteAsync(params ChronologyEntryRow[] entries) =>
        fixture.Host.Service<EngagementDatabase>().InTransactionAsync((db, tx) => fixture.Host.Service<ChronologyWriter>().WriteAsync(db, tx, entries));

    private Task<IReadOnlyList<ChronologyEntryRow>> ReadAsync(IReadOnlyList<string> group, ChronologyQuery query, int take = 100) =>
        fixture.Host.Service<EngagementDatabase>().InTransactionAsync((db, tx) => fixture.Host.Service<ChronologyStore>().ReadAsync(db, tx, group, query, take));
}
