using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// The access facts as a service other than the registry knows them: from its projection of the
/// registry's events, over the whole group of linked records. Null for a person it has not heard of.
/// </summary>
public sealed class ProjectedAccessFacts(TimeProvider clock) : IPersonAccessFactsSource
{
    internal static string SelectAreas(SqlDialect dialect) =>
        $"SELECT DISTINCT local_authority FROM access_areas WHERE person_id IN {dialect.InList("@Group")}";

    internal static string SelectShares(SqlDialect dialect) =>
        $"SELECT DISTINCT agency FROM access_shares WHERE person_id IN {dialect.InList("@Group")} AND (until IS NULL OR until > @Now)";

    internal static string SelectAgenciesOfMany(SqlDialect dialect) =>
        $"SELECT person_id AS Member, agency AS Value FROM access_involvements WHERE person_id IN {dialect.InList("@Ids")} AND (until IS NULL OR until > @Now)";

    internal static string SelectAreasOfMany(SqlDialect dialect) =>
        $"SELECT person_id AS Member, local_authority AS Value FROM access_areas WHERE person_id IN {dialect.InList("@Ids")}";

    internal static string SelectSharesOfMany(SqlDialect dialect) =>
        $"SELECT person_id AS Member, agency AS Value FROM access_shares WHERE person_id IN {dialect.InList("@Ids")} AND (until IS NULL OR until > @Now)";

    public async Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, personId);
        if (group.Count == 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var agencies = await ProjectedPeople.ActiveAgenciesAsync(db, tx, group, now);
        var areas = await db.QueryAsync<string>(SelectAreas(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group) }, tx);
        var shares = await db.QueryAsync<string>(SelectShares(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group), Now = now }, tx);
        return new PersonAccessFacts(agencies.ToHashSet(), areas.ToHashSet(), shares.ToHashSet());
    }

    public async Task<IReadOnlyDictionary<string, PersonAccessFacts>> GetManyAsync(
        IReadOnlyCollection<string> personIds, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PersonAccessFacts>(StringComparer.Ordinal);
        // One statement per table however many: the ids travel as one list parameter (SqlDialect.InList).
        await ReadAsync([.. personIds.Distinct(StringComparer.Ordinal)], db, tx, found);
        return found;
    }

    private async Task ReadAsync(string[] personIds, DbConnection db, DbTransaction tx, Dictionary<string, PersonAccessFacts> found)
    {
        var dialect = SqlDialect.Of(db);
        var groups = await ProjectedPeople.GroupsAsync(db, tx, personIds);
        var members = groups.Values.SelectMany(g => g).Distinct(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var agencies = await ByMemberAsync(db, tx, SelectAgenciesOfMany(dialect), members, now);
        var areas = await ByMemberAsync(db, tx, SelectAreasOfMany(dialect), members, now);
        var shares = await ByMemberAsync(db, tx, SelectSharesOfMany(dialect), members, now);
        foreach (var (personId, group) in groups)
        {
            found[personId] = new PersonAccessFacts(
                group.SelectMany(m => agencies[m]).ToHashSet(StringComparer.Ordinal),
                group.SelectMany(m => areas[m]).ToHashSet(StringComparer.Ordinal),
                group.SelectMany(m => shares[m]).ToHashSet(StringComparer.Ordinal));
        }
    }

    private static async Task<ILookup<string, string>> ByMemberAsync(
        DbConnection db, DbTransaction tx, string sql, IReadOnlyList<string> members, DateTimeOffset now) =>
        (await db.QueryAsync<(string Member, string Value)>(sql, new { Ids = SqlDialect.ListParameter(members), Now = now }, tx))
            .ToLookup(row => row.Member, row => row.Value, StringComparer.Ordinal);
}
