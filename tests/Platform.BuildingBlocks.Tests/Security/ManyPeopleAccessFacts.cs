using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>
/// The access facts of a 1,000-person import batch whose people each have two linked records, so that
/// the statements touch 3,000 records: past SQL Server's 2,100 parameters had each id been one.
/// </summary>
public static class ManyPeopleAccessFacts
{
    public const int People = 1000;

    public static async Task SeedAsync(ServiceDatabase database)
    {
        var persons = Enumerable.Range(0, People).SelectMany(i => new[] { $"p-{i}", $"p-{i}-a", $"p-{i}-b" }).Select(id => new { PersonId = id });
        var links = Enumerable.Range(0, People).SelectMany(i => new[] { $"p-{i}-a", $"p-{i}-b" }.Select(other => new { Other = other, PersonId = $"p-{i}" }));
        // The involvement is on a linked record: found only through the group.
        var involvements = Enumerable.Range(0, People).Select(i => new { Id = $"i-{i}", PersonId = $"p-{i}-b", Agency = $"agency-{i % 7}" });
        await database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync("INSERT INTO access_persons (person_id) VALUES (@PersonId)", persons, tx);
            await db.ExecuteAsync("INSERT INTO access_links (other_person_id, person_id) VALUES (@Other, @PersonId)", links, tx);
            await db.ExecuteAsync("INSERT INTO access_involvements (involvement_id, person_id, agency, until) VALUES (@Id, @PersonId, @Agency, NULL)", involvements, tx);
        });
    }

    public static Task<IReadOnlyDictionary<string, PersonAccessFacts>> ReadAsync(ServiceDatabase database) =>
        database.InTransactionAsync((db, tx) => new ProjectedAccessFacts(TimeProvider.System)
            .GetManyAsync([.. Enumerable.Range(0, People).Select(i => $"p-{i}")], db, tx, CancellationToken.None));

    public static void AssertEveryoneFound(IReadOnlyDictionary<string, PersonAccessFacts> facts)
    {
        Assert.Equal(People, facts.Count);
        Assert.All(Enumerable.Range(0, People), i => Assert.Equal([$"agency-{i % 7}"], facts[$"p-{i}"].InvolvedAgencies));
    }
}
