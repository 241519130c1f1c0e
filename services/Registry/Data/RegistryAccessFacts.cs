using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.Registry.Data;

/// <summary>
/// The registry reads the access facts from its own tables, over the whole group of linked records.
/// A confidential address grants nobody access by area: only the agencies it names may know it.
/// </summary>
public sealed class RegistryAccessFacts(RegistryDatabase database, TimeProvider clock) : IPersonAccessFactsSource
{
    internal const string SelectGroup =
        """
        SELECT p.person_id FROM persons p
        WHERE p.person_id = (SELECT COALESCE(linked_to, person_id) FROM persons WHERE person_id = @PersonId)
           OR p.linked_to = (SELECT COALESCE(linked_to, person_id) FROM persons WHERE person_id = @PersonId)
        """;

    internal static string SelectAgencies(SqlDialect dialect) =>
        $"SELECT DISTINCT agency FROM involvements WHERE person_id IN {dialect.InList("@Group")} AND (until IS NULL OR until > @Now)";

    internal static string SelectAreas(SqlDialect dialect) =>
        $"SELECT DISTINCT local_authority FROM addresses WHERE person_id IN {dialect.InList("@Group")} AND confidential = 0";

    internal static string SelectShared(SqlDialect dialect) =>
        $"SELECT DISTINCT agency FROM sharing_records WHERE person_id IN {dialect.InList("@Group")} AND (until IS NULL OR until > @Now)";

    /// <summary>
    /// Of the given records that stay after links, those the agency or area may see (for filtering
    /// search results). Like <see cref="GetAsync"/>, the facts of every record linked into one count
    /// for it: an agency involved only with the linked record must find the person it can open.
    /// </summary>
    internal static string SelectVisible(SqlDialect dialect) =>
        $"""
        SELECT COALESCE(p.linked_to, p.person_id) FROM persons p
        WHERE (p.person_id IN {dialect.InList("@PersonIds")} OR p.linked_to IN {dialect.InList("@PersonIds")})
          AND {VisibleTo("p.person_id")}
        """;

    /// <summary>
    /// The legitimate-relationship rule as a predicate on one record (parameters @Agency, @CallerArea,
    /// @Now), for queries that must find people the caller may see rather than filter afterwards.
    /// </summary>
    internal static string VisibleTo(string person) =>
        $"""
        (EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = {person} AND i.agency = @Agency AND (i.until IS NULL OR i.until > @Now))
          OR EXISTS (SELECT 1 FROM addresses v WHERE v.person_id = {person} AND v.local_authority = @CallerArea AND v.confidential = 0)
          OR EXISTS (SELECT 1 FROM sharing_records s WHERE s.person_id = {person} AND s.agency = @Agency AND (s.until IS NULL OR s.until > @Now)))
        """;

    public async Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var group = (await db.QueryAsync<string>(SelectGroup, new { PersonId = personId }, tx)).AsList();
        if (group.Count == 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var dialect = database.Dialect;
        var members = SqlDialect.ListParameter(group);
        var agencies = await db.QueryAsync<string>(SelectAgencies(dialect), new { Group = members, Now = now }, tx);
        var areas = await db.QueryAsync<string>(SelectAreas(dialect), new { Group = members }, tx);
        var shared = await db.QueryAsync<string>(SelectShared(dialect), new { Group = members, Now = now }, tx);
        return new PersonAccessFacts(agencies.ToHashSet(), areas.ToHashSet(), shared.ToHashSet());
    }

    public async Task<IReadOnlySet<string>> VisibleAsync(DbConnection db, DbTransaction? tx, Caller caller, IReadOnlyCollection<string> personIds)
    {
        if (personIds.Count == 0)
        {
            return new HashSet<string>();
        }
        // Starts from the candidates and probes each one's facts: the candidates are few, while an
        // agency's involvements or an area's addresses run to hundreds of thousands of rows.
        var dialect = database.Dialect;
        var visible = await db.QueryAsync<string>(SelectVisible(dialect),
            new { PersonIds = SqlDialect.ListParameter(personIds), caller.Agency, CallerArea = caller.LocalAuthority, Now = clock.GetUtcNow() }, tx);
        return visible.ToHashSet(StringComparer.Ordinal);
    }
}
