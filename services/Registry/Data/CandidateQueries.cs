using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Domain;

namespace Platform.Registry.Data;

/// <summary>
/// The indexed look-ups that find people worth scoring: by name keys, date of birth, NHS number,
/// identifier and area. Each returns ids only; ranking happens in memory on the few found.
/// </summary>
public sealed class CandidateQueries(RegistryDatabase database)
{
    internal static string ByAllTokens(int tokens, SqlDialect dialect) =>
        string.Join(" INTERSECT ", Enumerable.Range(0, tokens).Select(i => $"SELECT person_id FROM name_keys WHERE name_key IN @K{i}"))
        + $" ORDER BY person_id {dialect.Page("@Take")}";

    internal static string ByAnyKey(SqlDialect dialect) =>
        $"""
        SELECT person_id FROM name_keys WHERE name_key IN @Keys
        GROUP BY person_id HAVING COUNT(*) >= @MinHits ORDER BY COUNT(*) DESC, person_id {dialect.Page("@Take")}
        """;

    internal static string ByDateOfBirth(SqlDialect dialect) =>
        $"""
        SELECT person_id FROM persons
        WHERE dob_year = @Year AND (@Month IS NULL OR dob_month IS NULL OR dob_month = @Month)
          AND (@Day IS NULL OR dob_day IS NULL OR dob_day = @Day)
        ORDER BY person_id {dialect.Page("@Take")}
        """;

    internal static string ByArea(SqlDialect dialect) =>
        $"SELECT DISTINCT person_id FROM addresses WHERE local_authority = @Area ORDER BY person_id {dialect.Page("@Take")}";

    internal const string InArea = "SELECT DISTINCT person_id FROM addresses WHERE local_authority = @Area AND person_id IN @PersonIds";

    /// <summary>People whose names contain every token of the query (each token by any of its keys).</summary>
    public async Task<IReadOnlyList<string>> ByAllTokensAsync(DbConnection db, DbTransaction? tx, IReadOnlyList<IReadOnlyList<string>> tokenKeys, int take)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < tokenKeys.Count; i++)
        {
            parameters.Add($"K{i}", tokenKeys[i]);
        }
        parameters.Add("Take", take);
        return (await db.QueryAsync<string>(ByAllTokens(tokenKeys.Count, database.Dialect), parameters, tx)).AsList();
    }

    /// <summary>People sharing at least <paramref name="minHits"/> name keys, most shared first.</summary>
    public async Task<IReadOnlyList<string>> ByAnyKeyAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> keys, int minHits, int take) =>
        keys.Count == 0 ? [] : (await db.QueryAsync<string>(ByAnyKey(database.Dialect), new { Keys = keys, MinHits = minHits, Take = take }, tx)).AsList();

    public async Task<IReadOnlyList<string>> ByDateOfBirthAsync(DbConnection db, DbTransaction? tx, PartialDate dob, int take) =>
        (await db.QueryAsync<string>(ByDateOfBirth(database.Dialect), new { dob.Year, dob.Month, dob.Day, Take = take }, tx)).AsList();

    public async Task<IReadOnlyList<string>> ByAreaAsync(DbConnection db, DbTransaction? tx, string area, int take) =>
        (await db.QueryAsync<string>(ByArea(database.Dialect), new { Area = area, Take = take }, tx)).AsList();

    public async Task<IReadOnlySet<string>> InAreaAsync(DbConnection db, DbTransaction? tx, string area, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? new HashSet<string>()
            : (await db.QueryAsync<string>(InArea, new { Area = area, PersonIds = personIds }, tx)).ToHashSet(StringComparer.Ordinal);
}
