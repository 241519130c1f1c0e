using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// What a service other than the registry can ask its projection about people: whether the registry
/// knows them, the group of linked records a person's id stands for, and who is involved now.
/// </summary>
public static class ProjectedPeople
{
    /// <summary>
    /// The common table expressions (after <c>WITH</c>) that resolve the ids in the list parameter
    /// <paramref name="ids"/> to their groups: <c>asked (person_id, survivor)</c>, one row per known
    /// person, and <c>members (person_id, member)</c>, each record of that person's group. A statement
    /// that needs groups starts with these rather than reading the groups first.
    /// </summary>
    internal static string AskedGroups(SqlDialect dialect, string ids) =>
        $"""
        asked AS (
            SELECT p.person_id, COALESCE(l.person_id, p.person_id) AS survivor
            FROM access_persons p LEFT JOIN access_links l ON l.other_person_id = p.person_id
            WHERE p.person_id IN {dialect.InList(ids)}),
        members AS (
            SELECT person_id, survivor AS member FROM asked
            UNION ALL
            SELECT a.person_id, f.other_person_id FROM asked a JOIN access_links f ON f.person_id = a.survivor)
        """;

    /// <summary>Each known person's survivor and the records linked into it (none: a null member).</summary>
    internal static string SelectGroups(SqlDialect dialect) =>
        $"""
        WITH {AskedGroups(dialect, "@PersonIds")}
        SELECT a.person_id AS PersonId, a.survivor AS Survivor, f.other_person_id AS Member
        FROM asked a LEFT JOIN access_links f ON f.person_id = a.survivor
        """;

    internal static string SelectActiveAgencies(SqlDialect dialect) =>
        $"SELECT DISTINCT agency FROM access_involvements WHERE person_id IN {dialect.InList("@Group")} AND (until IS NULL OR until > @Now)";

    internal static string SelectKnown(SqlDialect dialect) =>
        $"SELECT person_id FROM access_persons WHERE person_id IN {dialect.InList("@PersonIds")}";

    /// <summary>
    /// The record that stands for <paramref name="personId"/> first, then every record linked into it;
    /// empty when the registry has not told this service of the person.
    /// </summary>
    public static async Task<IReadOnlyList<string>> GroupAsync(DbConnection db, DbTransaction tx, string personId) =>
        (await GroupsAsync(db, tx, [personId])).GetValueOrDefault(personId) ?? [];

    /// <summary>
    /// <see cref="GroupAsync"/> for many people in one statement: each known person's group, the
    /// record that stands for it first. People the registry has not told this service of are left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GroupsAsync(
        DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds)
    {
        var rows = await db.QueryAsync<(string PersonId, string Survivor, string? Member)>(SelectGroups(SqlDialect.Of(db)),
            new { PersonIds = SqlDialect.ListParameter(personIds.Distinct(StringComparer.Ordinal)) }, tx);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (personId, survivor, member) in rows)
        {
            if (!groups.TryGetValue(personId, out var group))
            {
                group = [survivor];
                groups[personId] = group;
            }
            if (member is not null)
            {
                group.Add(member);
            }
        }
        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value, StringComparer.Ordinal);
    }

    /// <summary>Agencies involved with any record of the group at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<string>> ActiveAgenciesAsync(
        DbConnection db, DbTransaction tx, IReadOnlyList<string> group, DateTimeOffset now) =>
        (await db.QueryAsync<string>(SelectActiveAgencies(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group), Now = now }, tx)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Those of <paramref name="personIds"/> the registry has told this service of.</summary>
    public static async Task<IReadOnlySet<string>> KnownAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0
            ? new HashSet<string>()
            : (await db.QueryAsync<string>(SelectKnown(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx))
                .ToHashSet(StringComparer.Ordinal);
}
