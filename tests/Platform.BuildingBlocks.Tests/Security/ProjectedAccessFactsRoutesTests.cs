using Dapper;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>
/// The projected facts are read in one statement of several branches: each route to a person's
/// record (involvement, area, share, a linked record) is seen alone, and what has ended is not.
/// </summary>
public sealed class ProjectedAccessFactsRoutesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private TempSqlite _file = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        await _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync("INSERT INTO access_persons (person_id) VALUES (@Id)",
                new[] { "bare", "area", "shared", "ended", "kept", "linked" }.Select(id => new { Id = id }), tx);
            await db.ExecuteAsync("INSERT INTO access_links (other_person_id, person_id) VALUES ('linked', 'kept')", transaction: tx);
            await db.ExecuteAsync("INSERT INTO access_areas (person_id, local_authority) VALUES ('area', 'E06000023'), ('linked', 'E06000025')", transaction: tx);
            await db.ExecuteAsync("INSERT INTO access_shares (person_id, agency, until) VALUES (@Person, @Agency, @Until)",
                new object[]
                {
                    new { Person = "shared", Agency = "police-avon", Until = (DateTimeOffset?)Now.AddDays(1) },
                    new { Person = "shared", Agency = "probation", Until = (DateTimeOffset?)Now.AddDays(-1) },
                }, tx);
            await db.ExecuteAsync("INSERT INTO access_involvements (involvement_id, person_id, agency, until) VALUES (@Id, @Person, @Agency, @Until)",
                new object[]
                {
                    new { Id = "i1", Person = "ended", Agency = "outreach", Until = (DateTimeOffset?)Now.AddDays(-1) },
                    new { Id = "i2", Person = "ended", Agency = "housing", Until = (DateTimeOffset?)Now.AddDays(1) },
                    new { Id = "i3", Person = "linked", Agency = "outreach", Until = (DateTimeOffset?)null },
                    new { Id = "i4", Person = "kept", Agency = "housing", Until = (DateTimeOffset?)null },
                }, tx);
            return 0;
        });
    }

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task A_known_person_with_no_relationship_has_empty_facts_and_an_unknown_one_none()
    {
        Assert.Equal("agencies: ; areas: ; shares: ", Sets(await FactsAsync("bare")));
        Assert.Null(await FactsAsync("nobody"));
    }

    [Fact]
    public async Task An_area_alone_is_found()
    {
        Assert.Equal("agencies: ; areas: E06000023; shares: ", Sets(await FactsAsync("area")));
    }

    [Fact]
    public async Task A_share_alone_is_found_and_an_expired_one_is_not()
    {
        Assert.Equal("agencies: ; areas: ; shares: police-avon", Sets(await FactsAsync("shared")));
    }

    [Fact]
    public async Task An_ended_involvement_gives_no_access_and_one_ending_later_still_does()
    {
        Assert.Equal("agencies: housing; areas: ; shares: ", Sets(await FactsAsync("ended")));
    }

    [Fact]
    public async Task Either_record_of_a_linked_pair_has_the_facts_of_both()
    {
        const string expected = "agencies: housing,outreach; areas: E06000025; shares: ";
        Assert.Equal(expected, Sets(await FactsAsync("kept")));
        Assert.Equal(expected, Sets(await FactsAsync("linked")));
    }

    [Fact]
    public async Task Many_at_once_match_one_by_one()
    {
        string[] people = ["bare", "area", "shared", "ended", "kept", "linked", "nobody"];
        var many = await _file.Database.InTransactionAsync((db, tx) =>
            new ProjectedAccessFacts(TimeProvider.System).GetManyAsync(people, db, tx, CancellationToken.None));

        Assert.Equal(people.Where(p => p != "nobody").Order(), many.Keys.Order());
        foreach (var person in many.Keys)
        {
            Assert.Equal(Sets(await FactsAsync(person)), Sets(many[person]));
        }
    }

    [Fact]
    public async Task Groups_put_the_record_that_stands_for_the_group_first()
    {
        var groups = await _file.Database.InTransactionAsync((db, tx) => ProjectedPeople.GroupsAsync(db, tx, ["linked", "kept", "bare", "nobody"]));

        Assert.Equal(["kept", "linked"], groups["linked"]);
        Assert.Equal(["kept", "linked"], groups["kept"]);
        Assert.Equal(["bare"], groups["bare"]);
        Assert.False(groups.ContainsKey("nobody"));
    }

    private Task<PersonAccessFacts?> FactsAsync(string personId) =>
        _file.Database.InTransactionAsync((db, tx) => new ProjectedAccessFacts(TimeProvider.System).GetAsync(personId, db, tx, CancellationToken.None));

    /// <summary>The facts as one line, each set in order, so that two are compared whole.</summary>
    private static string Sets(PersonAccessFacts? facts) =>
        $"agencies: {Line(facts!.InvolvedAgencies)}; areas: {Line(facts.LocalAuthorities)}; shares: {Line(facts.SharedWithAgencies)}";

    private static string Line(IEnumerable<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));
}
