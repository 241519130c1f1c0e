using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Data;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;

namespace Platform.Registry.Tests.Data;

/// <summary>
/// The SQLite name look-ups (single keys merged in order, or a rare token probed) find exactly the
/// people the set-based statement finds, in the same order, whichever way each pair of tokens is
/// read; and the wider look-up for names that few people hold keeps everyone the old one kept.
/// </summary>
public sealed class NameCandidateTests(NameCandidateTests.Population population) : IClassFixture<NameCandidateTests.Population>
{
    private const int Take = 40;
    private const int Few = 20;

    public static TheoryData<string> Names() =>
    [
        // Common with common (merged), rare with common (probed), single tokens.
        "Catherine Smith", "Kathryn Smyth", "Katherine Smtih", "John Smith", "Jon Smyth", "Jhon Jones",
        "Catherine Quennell", "Stephen Quennell", "Smith", "Smyth", "Quennell", "Steven",
        // Three tokens: all held by few people, or by many (paged), and the wider look-up.
        "Catherine Anne Smith", "John Stephen Jones", "Stephen John Smith", "Anne Catherine Jones",
        "Catherine Anne Quennell", "Jon Steven Smyth Jones",
        // Nobody holds every token.
        "Catherine Zebedee", "Ann Anne", "Stephen Steven",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Everyone_holding_every_token_is_found_as_the_set_based_statement_finds_them(string name)
    {
        await using var db = await population.Database.OpenAsync();
        var keys = NameIndexKeys.ForQuery(name);

        var expected = (await SetBasedAsync(db, keys)).Distinct(StringComparer.Ordinal).ToList();
        var found = await population.Candidates.ByNameAsync(db, null, keys, Take, Few);

        Assert.Equal(expected, found.Take(expected.Count));
        Assert.Equal(found.Count, found.Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(found.Count, expected.Count, expected.Count + Take);
    }

    [Theory]
    [InlineData("Catherine Zebedee")]
    [InlineData("Stephen Quennell")]
    [InlineData("Mary Quennell")]
    public async Task Two_token_name_few_hold_adds_everyone_the_key_count_look_up_ranks_first(string name)
    {
        await using var db = await population.Database.OpenAsync();
        var keys = NameIndexKeys.ForQuery(name);
        var all = (await SetBasedAsync(db, keys)).ToList();
        Assert.True(all.Count < Few, $"{name}: {all.Count} hold every token");
        var byKeyCount = await population.Candidates.ByAnyKeyAsync(db, null, keys.SelectMany(k => k).ToHashSet(), 2, Take);

        var found = await population.Candidates.ByNameAsync(db, null, keys, Take, Few);

        Assert.Superset(all.Union(byKeyCount).ToHashSet(), found.ToHashSet());
    }

    [Fact]
    public void Size_of_a_range_is_estimated_from_how_far_its_sample_reached()
    {
        Assert.Equal(7, CandidateQueries.EstimatedSize(7, "ffffffff-0000-4000-8000-000000000000"));
        Assert.Equal(CandidateQueries.SizeSample * 4, CandidateQueries.EstimatedSize(CandidateQueries.SizeSample, "40000000-0000-4000-8000-000000000000"));
        Assert.True(CandidateQueries.EstimatedSize(CandidateQueries.SizeSample, "not-a-guid") > CandidateQueries.SizeSample);
    }

    private static async Task<IReadOnlyList<string>> SetBasedAsync(DbConnection db, IReadOnlyList<IReadOnlyList<string>> keys)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < keys.Count; i++)
        {
            parameters.Add($"K{i}", SqlDialect.ListParameter(keys[i]));
        }
        parameters.Add("Take", Take);
        return (await db.QueryAsync<string>(CandidateQueries.ByAllTokens(keys.Count, SqlDialect.Sqlite), parameters)).AsList();
    }

    /// <summary>
    /// Some thousands of people whose names are drawn from a few, so that most keys are common and
    /// one (Quennell) is rare, with spellings that sound alike (Smyth) and letters swapped (Smtih).
    /// </summary>
    public sealed class Population() : SqliteRegistryPopulation("name-candidates")
    {
        private static readonly string[] Given = ["Catherine", "Kathryn", "John", "Jon", "Stephen", "Steven", "Anne", "Ann", "Mary"];
        private static readonly string[] Family = ["Smith", "Smyth", "Smtih", "Jones", "Jonse", "Brown", "Taylor", "Evans"];

        protected override async Task SeedAsync(PersonStore people, DbConnection db, DbTransaction tx)
        {
            var random = new Random(42);
            for (var i = 0; i < 2500; i++)
            {
                var given = Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? " " + Given[random.Next(Given.Length)] : "");
                var family = i % 250 == 0 ? "Quennell" : Family[random.Next(Family.Length)];
                var details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } } };
                if (random.Next(5) == 0)
                {
                    details.Names.Add(new PersonName { Type = NameType.Previous, GivenNames = given, FamilyName = Family[random.Next(Family.Length)] });
                }
                await people.InsertAsync(db, tx, Guid.NewGuid().ToString(), details, null, "test-agency", DateTimeOffset.UnixEpoch);
            }
        }
    }
}
