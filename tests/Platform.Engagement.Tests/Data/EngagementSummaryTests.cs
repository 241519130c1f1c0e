using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.Engagement.Tests.Grpc;

namespace Platform.Engagement.Tests.Data;

/// <summary>
/// The disengagement check reads each record's engagement summed up by the database
/// (<see cref="ContactStore.EngagementByPersonAsync"/>, <see cref="EngagementFacts.Of"/>) instead of
/// every contact: for any history, amended contacts included, and for a group of linked records, it
/// must give exactly the facts the rule's own definition gives from the contacts (<see cref="EngagementFacts.From"/>).
/// </summary>
public sealed class EngagementSummaryTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Outcomes = [ContactVocabulary.Made, ContactVocabulary.Attempted, ContactVocabulary.Declined];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Summed_up_by_the_database_the_facts_are_those_of_every_contact(int seed)
    {
        var random = new Random(seed);
        var group = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Guid.NewGuid().ToString()).ToList();
        var rows = group.SelectMany(person => Enumerable.Range(0, random.Next(0, 40)).Select(_ => Row(person, random))).ToList();
        var amended = rows.Where(_ => random.Next(5) == 0).ToList();

        var (expected, actual) = await Database().InTransactionAsync(async (db, tx) =>
        {
            await Contacts().InsertAsync(db, tx, rows);
            foreach (var old in amended)
            {
                // The amendment stands for it, with another outcome and time: only the amendment counts.
                var amendment = Row(old.PersonId, random);
                await Contacts().InsertAsync(db, tx, [amendment]);
                await Contacts().SupersedeAsync(db, tx, old.ContactId, amendment.ContactId);
            }
            var facts = EngagementFacts.From(await Contacts().FactsAsync(db, tx, group));
            var records = await Contacts().EngagementByPersonAsync(db, tx, group);
            return (facts, EngagementFacts.Of([.. records.Values]));
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_record_with_no_contact_has_no_summary()
    {
        var records = await Database().InTransactionAsync((db, tx) => Contacts().EngagementByPersonAsync(db, tx, [Guid.NewGuid().ToString()]));

        Assert.Empty(records);
        Assert.Null(EngagementFacts.Of([.. records.Values]));
    }

    [Fact]
    public async Task The_summary_reads_the_engagement_index_alone_never_the_contact_rows()
    {
        var plans = await Database().ReadAsync(async (db, tx) =>
        {
            var steps = new List<string>();
            foreach (var statement in ContactStore.SelectEngagementByPerson(SqlDialect.Sqlite).Split(';'))
            {
                steps.AddRange((await db.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
                    "EXPLAIN QUERY PLAN " + statement, new { People = "[\"a\", \"b\"]" }, tx)).Select(row => row.Detail));
            }
            return steps;
        });

        var onContacts = plans.Where(step => step.Contains("contacts", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, onContacts.Count);
        Assert.All(onContacts, step => Assert.Contains("USING COVERING INDEX ix_contacts_engagement (person_id=?)", step, StringComparison.Ordinal));
    }

    private EngagementDatabase Database() => fixture.Host.Service<EngagementDatabase>();

    private ContactStore Contacts() => fixture.Host.Service<ContactStore>();

    private static ContactRow Row(string person, Random random) => new()
    {
        ContactId = Guid.NewGuid().ToString(), PersonId = person, Agency = "outreach-bristol", Worker = "worker",
        // Whole hours over a few months, so that ties between records of a group happen too.
        ContactAt = Start.AddHours(random.Next(0, 24 * 90)), Channel = "outreach_visit",
        Outcome = Outcomes[random.Next(Outcomes.Length)], SeenAlone = random.Next(2) == 0,
        RecordedAt = Start, RecordedBy = "worker",
    };
}
