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
    private const string Known = "known";
    private const string Agency = "agency";
    private const string Area = "area";
    private const string Share = "share";

    /// <summary>
    /// Every fact of every asked person as (person, kind, value) rows, in one statement however many
    /// are asked: the guard reads them inside the database's one writer, where each statement is paid
    /// for serially. A known person has a row of kind <c>known</c> even with no other fact; its value is
    /// a typed NULL rather than an id, so on SQL Server the values share one type and one collation.
    /// CROSS JOIN keeps SQLite reading each group's few records by index: with a plain join its planner
    /// may scan a whole table against a bloom filter of the members. SQL Server reads it as an inner join.
    /// </summary>
    internal static string SelectFacts(SqlDialect dialect) =>
        $"""
        WITH {ProjectedPeople.AskedGroups(dialect, "@Ids")}
        SELECT m.person_id AS PersonId, '{Known}' AS Kind, CAST(NULL AS NVARCHAR(100)) AS Value FROM asked m
        UNION ALL
        SELECT m.person_id, '{Agency}', i.agency FROM members m CROSS JOIN access_involvements i
        WHERE i.person_id = m.member AND (i.until IS NULL OR i.until > @Now)
        UNION ALL
        SELECT m.person_id, '{Area}', a.local_authority FROM members m CROSS JOIN access_areas a WHERE a.person_id = m.member
        UNION ALL
        SELECT m.person_id, '{Share}', s.agency FROM members m CROSS JOIN access_shares s
        WHERE s.person_id = m.member AND (s.until IS NULL OR s.until > @Now)
        """;

    public async Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        (await GetManyAsync([personId], db, tx, cancellationToken)).GetValueOrDefault(personId);

    public async Task<IReadOnlyDictionary<string, PersonAccessFacts>> GetManyAsync(
        IReadOnlyCollection<string> personIds, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        // The ids travel as one list parameter (SqlDialect.InList), so any number is one statement.
        var rows = await db.QueryAsync<(string PersonId, string Kind, string? Value)>(SelectFacts(SqlDialect.Of(db)),
            new { Ids = SqlDialect.ListParameter(personIds.Distinct(StringComparer.Ordinal)), Now = clock.GetUtcNow() }, tx);
        var found = new Dictionary<string, (HashSet<string> Agencies, HashSet<string> Areas, HashSet<string> Shares)>(StringComparer.Ordinal);
        foreach (var (personId, kind, value) in rows)
        {
            if (!found.TryGetValue(personId, out var facts))
            {
                facts = (new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
                found[personId] = facts;
            }
            var set = kind switch
            {
                Agency => facts.Agencies,
                Area => facts.Areas,
                Share => facts.Shares,
                _ => null,
            };
            set?.Add(value!);
        }
        return found.ToDictionary(
            pair => pair.Key, pair => new PersonAccessFacts(pair.Value.Agencies, pair.Value.Areas, pair.Value.Shares), StringComparer.Ordinal);
    }
}
