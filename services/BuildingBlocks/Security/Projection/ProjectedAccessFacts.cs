using System.Data.Common;
using Dapper;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// The access facts as a service other than the registry knows them: from its projection of the
/// registry's events, over the whole group of linked records. Null for a person it has not heard of.
/// </summary>
public sealed class ProjectedAccessFacts(TimeProvider clock) : IPersonAccessFactsSource
{
    internal const string SelectSurvivor =
        """
        SELECT COALESCE((SELECT person_id FROM access_links WHERE other_person_id = @PersonId), p.person_id)
        FROM access_persons p WHERE p.person_id = @PersonId
        """;

    internal const string SelectGroup =
        "SELECT other_person_id FROM access_links WHERE person_id = @Survivor";

    internal const string SelectAgencies =
        "SELECT DISTINCT agency FROM access_involvements WHERE person_id IN @Group AND (until IS NULL OR until > @Now)";

    internal const string SelectAreas =
        "SELECT DISTINCT local_authority FROM access_areas WHERE person_id IN @Group";

    internal const string SelectShares =
        "SELECT DISTINCT agency FROM access_shares WHERE person_id IN @Group AND (until IS NULL OR until > @Now)";

    public async Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var survivor = await db.QuerySingleOrDefaultAsync<string?>(SelectSurvivor, new { PersonId = personId }, tx);
        if (survivor is null)
        {
            return null;
        }
        var group = (await db.QueryAsync<string>(SelectGroup, new { Survivor = survivor }, tx)).Append(survivor).ToList();
        var now = clock.GetUtcNow();
        var agencies = await db.QueryAsync<string>(SelectAgencies, new { Group = group, Now = now }, tx);
        var areas = await db.QueryAsync<string>(SelectAreas, new { Group = group }, tx);
        var shares = await db.QueryAsync<string>(SelectShares, new { Group = group, Now = now }, tx);
        return new PersonAccessFacts(agencies.ToHashSet(), areas.ToHashSet(), shares.ToHashSet());
    }
}
