using System.Data.Common;
using Dapper;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// The access facts as a service other than the registry knows them: from its projection of the
/// registry's events, over the whole group of linked records. Null for a person it has not heard of.
/// </summary>
public sealed class ProjectedAccessFacts(TimeProvider clock) : IPersonAccessFactsSource
{
    internal const string SelectAreas =
        "SELECT DISTINCT local_authority FROM access_areas WHERE person_id IN @Group";

    internal const string SelectShares =
        "SELECT DISTINCT agency FROM access_shares WHERE person_id IN @Group AND (until IS NULL OR until > @Now)";

    public async Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, personId);
        if (group.Count == 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var agencies = await ProjectedPeople.ActiveAgenciesAsync(db, tx, group, now);
        var areas = await db.QueryAsync<string>(SelectAreas, new { Group = group }, tx);
        var shares = await db.QueryAsync<string>(SelectShares, new { Group = group, Now = now }, tx);
        return new PersonAccessFacts(agencies.ToHashSet(), areas.ToHashSet(), shares.ToHashSet());
    }
}
