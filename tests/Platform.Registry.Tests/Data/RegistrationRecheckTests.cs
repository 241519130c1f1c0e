using System.Data.Common;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.V1;

namespace Platform.Registry.Tests.Data;

/// <summary>
/// A registration's duplicate search runs as a read beside the database's writer, and the writer then
/// re-scores only the records changed since the search's snapshot (<see cref="ChangedSince"/>).
/// Whatever arrived in between must count as if the whole search had run in the writer.
/// </summary>
public sealed class RegistrationRecheckTests(RegistrationRecheckTests.Population population) : IClassFixture<RegistrationRecheckTests.Population>
{
    private const string Agency = "bristol-outreach";

    private static readonly Caller Worker = new("worker-1", new HashSet<string> { PlatformRoles.SupportWorker }, Agency, "E06000023");

    private readonly PersonStore _people = new();

    private DuplicateFinder Finder() => new(_people, new AddressStore(), population.Candidates, new DuplicateScorer(new DuplicateScoringOptions()),
        new RegistryAccessFacts(population.Database, TimeProvider.System));

    private Task<DuplicateSearch> SearchAsync(PersonDetails details) =>
        population.Database.ReadAsync((db, tx) => Finder().SearchAsync(db, tx, details, null, Worker));

    private Task<IReadOnlyList<PotentialDuplicate>> RecheckAsync(PersonDetails details, DuplicateSearch search) =>
        population.Database.InTransactionAsync((db, tx) => Finder().RecheckAsync(db, tx, details, null, search, Worker));

    /// <summary>Registers her as the service would, with the caller's agency involved when <paramref name="involved"/>.</summary>
    private async Task<string> RegisterAsync(PersonDetails details, bool involved = true)
    {
        var id = Guid.NewGuid().ToString();
        await population.Database.InTransactionAsync(async (db, tx) =>
        {
            await _people.InsertAsync(db, tx, id, details, null, Agency, DateTimeOffset.UtcNow);
            if (involved)
            {
                await new InvolvementStore().InsertAsync(db, tx, new InvolvementRow
                {
                    InvolvementId = Guid.NewGuid().ToString(), PersonId = id, Agency = Agency, Since = DateTimeOffset.UtcNow.AddDays(-1), Version = 1,
                }, [id]);
            }
        });
        return id;
    }

    private static PersonDetails Details(string given, string family, int year, int month, int day) => new()
    {
        Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
        DateOfBirth = new PartialDate { Year = year, Month = month, Day = day },
    };

    [Fact]
    public async Task A_record_registered_after_the_search_is_found_by_the_recheck_and_others_are_not()
    {
        var incoming = Details("Ottilie", "Pemberton", 1990, 5, 5);
        var search = await SearchAsync(incoming);
        Assert.Empty(search.Found);
        Assert.NotNull(search.Mark);

        var unrelated = await RegisterAsync(Details("Bartholomew", "Quayle", 1951, 1, 30));
        var her = await RegisterAsync(Details("Ottilie", "Pemberton", 1990, 5, 5));
        var found = await RecheckAsync(incoming, search);

        var candidate = Assert.Single(found);
        Assert.Equal(her, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.False(candidate.Restricted);
        Assert.Contains("same date of birth 1990-05-05", candidate.Reasons);
        Assert.DoesNotContain(found, c => c.PersonId == unrelated);
    }

    [Fact]
    public async Task A_record_registered_since_by_agencies_the_caller_does_not_work_with_is_restricted()
    {
        var incoming = Details("Araminta", "Fairweather", 1977, 8, 19);
        var search = await SearchAsync(incoming);

        var hers = await RegisterAsync(Details("Araminta", "Fairweather", 1977, 8, 19), involved: false);
        var candidate = Assert.Single(await RecheckAsync(incoming, search));

        Assert.Equal(hers, candidate.PersonId);
        Assert.True(candidate.Likely);
        Assert.True(candidate.Restricted);
        Assert.DoesNotContain(candidate.Reasons, r => r.Contains("Fairweather", StringComparison.Ordinal) || r.Contains("1977", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_the_search_found_stays_when_nothing_arrived_since()
    {
        var existing = await RegisterAsync(Details("Leopoldine", "Ashcombe", 1969, 2, 11));
        var incoming = Details("Leopoldine", "Ashcombe", 1969, 2, 11);
        var search = await SearchAsync(incoming);

        var found = await RecheckAsync(incoming, search);

        Assert.Equal(existing, Assert.Single(search.Found).PersonId);
        Assert.Equal(search.Found.Select(c => c.PersonId), found.Select(c => c.PersonId));
    }

    [Fact]
    public async Task A_match_among_more_arrivals_than_are_scored_one_by_one_is_found_by_the_whole_search()
    {
        var incoming = Details("Evangelina", "Throckmorton", 1988, 12, 1);
        var search = await SearchAsync(incoming);

        await population.Database.InTransactionAsync(async (db, tx) =>
        {
            for (var i = 0; i < DuplicateFinder.RecheckLimit + 1; i++)
            {
                await _people.InsertAsync(db, tx, Guid.NewGuid().ToString(), Details("Filler", $"Person{i}", 1950, 1, 1 + i % 28), null, Agency, DateTimeOffset.UtcNow);
            }
        });
        var her = await RegisterAsync(Details("Evangelina", "Throckmorton", 1988, 12, 1));
        var found = await RecheckAsync(incoming, search);

        Assert.Equal(her, Assert.Single(found, c => c.Likely).PersonId);
    }

    [Fact]
    public async Task A_record_corrected_after_the_search_to_match_is_found_by_the_recheck()
    {
        var other = await RegisterAsync(Details("Philomena", "Garside", 1962, 4, 2));
        var incoming = Details("Marguerite", "Penhaligon", 1985, 6, 6);
        var search = await SearchAsync(incoming);
        Assert.Empty(search.Found);

        await population.Database.InTransactionAsync((db, tx) => _people.UpdateAsync(db, tx, other, 1, Details("Marguerite", "Penhaligon", 1985, 6, 6), DateTimeOffset.UtcNow));
        var candidate = Assert.Single(await RecheckAsync(incoming, search));

        Assert.Equal(other, candidate.PersonId);
        Assert.True(candidate.Likely);
    }

    [Fact]
    public async Task A_record_unlinked_after_the_search_is_found_and_one_linked_away_is_dropped()
    {
        var survivor = await RegisterAsync(Details("Clementine", "Hargreaves", 1979, 10, 23));
        var linked = await RegisterAsync(Details("Clementine", "Hargreaves", 1979, 10, 23));
        await population.Database.InTransactionAsync((db, tx) => _people.SetLinkedToAsync(db, tx, linked, survivor));
        var incoming = Details("Clementine", "Hargreaves", 1979, 10, 23);
        var search = await SearchAsync(incoming);
        Assert.Equal([survivor], search.Found.Select(c => c.PersonId));

        // Undone the other way round: the record that stood is now linked into the one that did not.
        await population.Database.InTransactionAsync(async (db, tx) =>
        {
            await _people.SetLinkedToAsync(db, tx, linked, null);
            await _people.SetLinkedToAsync(db, tx, survivor, linked);
        });
        var found = await RecheckAsync(incoming, search);

        Assert.Equal([linked], found.Select(c => c.PersonId));
    }

    /// <summary>An empty register of its own for each test class run: the tests add who they need.</summary>
    public sealed class Population() : SqliteRegistryPopulation("registration-recheck")
    {
        protected override Task SeedAsync(PersonStore people, DbConnection db, DbTransaction tx) => Task.CompletedTask;
    }
}
