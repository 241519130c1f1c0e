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
    /// <summary>
    /// Every fact of the group of @PersonId in one statement, as (kind, value) rows: the agencies with an
    /// active involvement, the areas of addresses that are not confidential, the agencies with an active
    /// share. The row of kind <see cref="Known"/> comes from the record itself, so a person with no facts
    /// is still told apart from one the registry does not hold.
    /// </summary>
    internal const string SelectFacts =
        $"""
        WITH members AS (SELECT p.person_id FROM persons p WHERE {PersonGroupStore.InGroupOfPersonId})
        SELECT '{Known}' AS kind, '' AS value FROM persons WHERE person_id = @PersonId
        UNION ALL
        SELECT DISTINCT '{Involved}', agency FROM involvements
        WHERE person_id IN (SELECT person_id FROM members) AND (until IS NULL OR until > @Now)
        UNION ALL
        SELECT DISTINCT '{Area}', local_authority FROM addresses
        WHERE person_id IN (SELECT person_id FROM members) AND confidential = 0
        UNION ALL
        SELECT DISTINCT '{Shared}', agency FROM sharing_records
        WHERE person_id IN (SELECT person_id FROM members) AND (until IS NULL OR until > @Now)
        """;

    private const string Known = "known";
    private const string Involved = "involved";
    private const string Area = "area";
    private const string Shared = "shared";

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
        var rows = await db.QueryAsync<(string Kind, string Value)>(SelectFacts, new { PersonId = personId, Now = clock.GetUtcNow() }, tx);
        var known = false;
        var agencies = new HashSet<string>(StringComparer.Ordinal);
        var areas = new HashSet<string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, value) in rows)
        {
            switch (kind)
            {
                case Known: known = true; break;
                case Involved: agencies.Add(value); break;
                case Area: areas.Add(value); break;
                case Shared: shared.Add(value); break;
            }
        }
        return known ? new PersonAccessFacts(agencies, areas, shared) : null;
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
