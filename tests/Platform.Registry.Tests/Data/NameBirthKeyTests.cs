using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Data;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;
using DomainDate = Platform.Registry.Domain.PartialDate;

namespace Platform.Registry.Tests.Data;

/// <summary>
/// Names filed under the date of birth (migration 007): a name keyed with one slip finds the people
/// born then, by seeks of the primary key alone; the backfill files records registered before; an
/// update moves the keys.
/// </summary>
public sealed class NameBirthKeyTests(NameBirthKeyTests.Population population) : IClassFixture<NameBirthKeyTests.Population>
{
    private static readonly DomainDate Born = new(1984, 3, 7);

    [Theory]
    [InlineData("Eleanor Tompson")] // a deletion that changes the sound (TMPSN, not 0MPSN)
    [InlineData("Eleanor Thompsen")] // a substitution
    [InlineData("Eleanor Thhompson")] // an insertion
    [InlineData("Eleanor Thopmson")] // a transposition
    [InlineData("Elenor Thompson")]
    [InlineData("Thompson Eleanor")]
    public async Task One_slip_in_a_name_finds_her_among_those_born_on_the_day(string query)
    {
        await using var db = await population.Database.OpenAsync();

        var found = await FindAsync(db, query, Born);

        Assert.Contains(population.Eleanor, found);
        Assert.DoesNotContain(population.EleanorBornLater, found);
    }

    [Fact]
    public async Task One_token_alone_matches_only_those_born_on_the_very_day()
    {
        await using var db = await population.Database.OpenAsync();
        var march = new DomainDate(1984, 3, null);

        Assert.Contains(population.Eleanor, await FindAsync(db, "Eleanor Quarrington", Born));
        Assert.DoesNotContain(population.EleanorBornLater, await FindAsync(db, "Eleanor Quarrington", new DomainDate(1985, 3, null)));
        Assert.DoesNotContain(population.Eleanor, await FindAsync(db, "Eleanor Quarrington", march));
        Assert.DoesNotContain(population.Eleanor, await FindAsync(db, "Eleanor Tomsen", march)); // two slips
    }

    [Fact]
    public async Task A_year_finds_people_born_any_day_of_it_and_a_day_finds_those_recorded_by_year_alone()
    {
        await using var db = await population.Database.OpenAsync();

        Assert.Contains(population.Eleanor, await FindAsync(db, "Eleanor Tompson", new DomainDate(1984, null, null)));
        Assert.Contains(population.Eleanor, await FindAsync(db, "Eleanor Tompson", new DomainDate(1984, 3, null)));
        Assert.DoesNotContain(population.Eleanor, await FindAsync(db, "Eleanor Tompson", new DomainDate(1984, 4, null)));
        Assert.Contains(population.MarcusByYear, await FindAsync(db, "Marcus Jonson", new DomainDate(1979, 11, 2)));
    }

    [Fact]
    public async Task The_look_up_seeks_the_primary_key_and_scans_nothing()
    {
        await using var db = await population.Database.OpenAsync();

        var plan = (await db.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + CandidateQueries.ByNameAndBirth(SqlDialect.Sqlite),
            new { Keys = "[\"d:smith\"]", From = 19840307, To = 19840307, Coarser = "[19840300, 19840000, 0]" })).Select(row => row.Detail).ToList();

        Assert.Equal(2, plan.Count(step => step.StartsWith("SEARCH name_birth_keys USING PRIMARY KEY (name_key=? AND born", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN name_birth_keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_registered_before_the_keys_existed_are_filed_by_the_backfill()
    {
        var people = new PersonStore();
        var id = Guid.NewGuid().ToString();
        await population.Database.InTransactionAsync(async (db, tx) =>
        {
            await people.InsertAsync(db, tx, id, Details("Winifred", "Abercrombie", 1950, 6, 1), null, "test-agency", DateTimeOffset.UnixEpoch);
            // As migration 007 leaves a record registered before it.
            await db.ExecuteAsync("DELETE FROM name_birth_keys WHERE person_id = @Id; UPDATE persons SET birth_keys_pending = 1 WHERE person_id = @Id", new { Id = id }, tx);
        });
        await using var db = await population.Database.OpenAsync();
        Assert.DoesNotContain(id, await FindAsync(db, "Winifred Abercrombie", new DomainDate(1950, 6, 1)));

        var filed = await new NameBirthKeyBackfill(population.Database, people, TimeProvider.System, NullLogger<NameBirthKeyBackfill>.Instance)
            .FileAllAsync(CancellationToken.None);

        Assert.Equal(1, filed);
        Assert.Contains(id, await FindAsync(db, "Winifred Abercombie", new DomainDate(1950, 6, 1)));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM persons WHERE birth_keys_pending = 1"));
    }

    [Fact]
    public async Task An_update_files_the_new_name_and_date_and_forgets_the_old()
    {
        var people = new PersonStore();
        var id = Guid.NewGuid().ToString();
        await population.Database.InTransactionAsync(async (db, tx) =>
        {
            await people.InsertAsync(db, tx, id, Details("Gwendolen", "Ashdown", 1961, 2, 3), null, "test-agency", DateTimeOffset.UnixEpoch);
            await people.UpdateAsync(db, tx, id, 1, Details("Gwendolen", "Pocklington", 1961, 2, 4), DateTimeOffset.UnixEpoch);
        });
        await using var db = await population.Database.OpenAsync();

        Assert.DoesNotContain(id, await FindAsync(db, "Gwendolen Ashdown", new DomainDate(1961, 2, 3)));
        Assert.Contains(id, await FindAsync(db, "Gwendolen Poklington", new DomainDate(1961, 2, 4)));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM name_birth_keys WHERE person_id = @Id AND born = 19610203", new { Id = id }));
    }

    private Task<IReadOnlyList<string>> FindAsync(DbConnection db, string name, DomainDate dob)
    {
        var keys = NameBirthKeys.ForTokens([name]);
        return population.Candidates.ByNameAndBirthAsync(db, null, keys, dob, Math.Min(2, keys.Count), 500);
    }

    private static PersonDetails Details(string given, string family, int year, int month, int day) => new()
    {
        Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
        DateOfBirth = new V1.PartialDate { Year = year, Month = month, Day = day },
    };

    /// <summary>
    /// Some thousands of people with a few common names, many born on the same few days, among them
    /// Eleanor Thompson born 1984-03-07, another born a year later, and Marcus Johnson recorded by his
    /// year of birth alone.
    /// </summary>
    public sealed class Population() : SqliteRegistryPopulation("name-birth-keys")
    {
        private static readonly string[] Given = ["Eleanor", "Elena", "John", "Marcus", "Mark", "Anne"];
        private static readonly string[] Family = ["Thomson", "Tomlinson", "Smith", "Johnson", "Jones", "Simpson"];

        public string Eleanor { get; } = Guid.NewGuid().ToString();

        public string EleanorBornLater { get; } = Guid.NewGuid().ToString();

        public string MarcusByYear { get; } = Guid.NewGuid().ToString();

        protected override async Task SeedAsync(PersonStore people, DbConnection db, DbTransaction tx)
        {
            var random = new Random(42);
            await people.InsertAsync(db, tx, Eleanor, Details("Eleanor", "Thompson", 1984, 3, 7), null, "test-agency", DateTimeOffset.UnixEpoch);
            await people.InsertAsync(db, tx, EleanorBornLater, Details("Eleanor", "Thompson", 1985, 3, 7), null, "test-agency", DateTimeOffset.UnixEpoch);
            var marcus = Details("Marcus", "Johnson", 1979, 1, 1);
            marcus.DateOfBirth = new V1.PartialDate { Year = 1979 };
            await people.InsertAsync(db, tx, MarcusByYear, marcus, null, "test-agency", DateTimeOffset.UnixEpoch);
            for (var i = 0; i < 2000; i++)
            {
                var details = Details(Given[random.Next(Given.Length)], Family[random.Next(Family.Length)], 1984, 3, random.Next(1, 10));
                await people.InsertAsync(db, tx, Guid.NewGuid().ToString(), details, null, "test-agency", DateTimeOffset.UnixEpoch);
            }
        }
    }
}
