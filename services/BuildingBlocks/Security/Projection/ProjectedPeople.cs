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
    internal const string SelectSurvivor =
        """
        SELECT COALESCE((SELECT person_id FROM access_links WHERE other_person_id = @PersonId), p.person_id)
        FROM access_persons p WHERE p.person_id = @PersonId
        """;

    internal const string SelectGroup =
        "SELECT other_person_id FROM access_links WHERE person_id = @Survivor";

    internal static string SelectActiveAgencies(SqlDialect dialect) =>
        $"SELECT DISTINCT agency FROM access_involvements WHERE person_id IN {dialect.InList("@Group")} AND (until IS NULL OR until > @Now)";

    internal static string SelectSurvivors(SqlDialect dialect) =>
        $"""
        SELECT p.person_id AS PersonId, COALESCE(l.person_id, p.person_id) AS Survivor
        FROM access_persons p LEFT JOIN access_links l ON l.other_person_id = p.person_id
        WHERE p.person_id IN {dialect.InList("@PersonIds")}
        """;

    internal static string SelectFollowers(SqlDialect dialect) =>
        $"SELECT person_id AS Survivor, other_person_id AS Member FROM access_links WHERE person_id IN {dialect.InList("@Ids")}";

    internal static string SelectKnown(SqlDialect dialect) =>
        $"SELECT person_id FROM access_persons WHERE person_id IN {dialect.InList("@PersonIds")}";

    /// <summary>
    /// The record that stands for <paramref name="personId"/> first, then every record linked into it;
    /// empty when the registry has not told this service of the person.
    /// </summary>
    public static async Task<IReadOnlyList<string>> GroupAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var survivor = await db.QuerySingleOrDefaultAsync<string?>(SelectSurvivor, new { PersonId = personId }, tx);
        if (survivor is null)
        {
            return [];
        }
        var others = await db.QueryAsync<string>(SelectGroup, new { Survivor = survivor }, tx);
        return [survivor, .. others];
    }

    /// <summary>
    /// <see cref="GroupAsync"/> for many people in two statements: each known person's group, the
    /// record that stands for it first. People the registry has not told this service of are left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GroupsAsync(
        DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds)
    {
        var dialect = SqlDialect.Of(db);
        var survivors = (await db.QueryAsync<(string PersonId, string Survivor)>(SelectSurvivors(dialect),
            new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).ToList();
        var distinct = survivors.Select(s => s.Survivor).Distinct(StringComparer.Ordinal).ToList();
        var followers = await db.QueryAsync<(string Survivor, string Member)>(SelectFollowers(dialect),
            new { Ids = SqlDialect.ListParameter(distinct) }, tx);
        var groups = distinct.ToDictionary(s => s, s => new List<string> { s }, StringComparer.Ordinal);
        foreach (var (survivor, member) in followers)
        {
            groups[survivor].Add(member);
        }
        return survivors.ToDictionary(s => s.PersonId, s => (IReadOnlyList<string>)groups[s.Survivor], StringComparer.Ordinal);
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
