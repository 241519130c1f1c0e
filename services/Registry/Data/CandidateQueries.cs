using System.Data.Common;
using System.Text.Json;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Domain;

namespace Platform.Registry.Data;

/// <summary>
/// The indexed look-ups that find people worth scoring: by name keys, date of birth, NHS number,
/// identifier and area. Each returns ids only; ranking happens in memory on the few found.
/// </summary>
/// <remarks>
/// <para>
/// Name look-ups on SQLite are shaped for its planner. A token matches through either of its keys
/// (phonetic or anagram), and <c>name_key IN (a, b)</c> reads two ranges of the key index that SQLite
/// sorts before it can intersect or page them: over a million people, tens of thousands of rows for
/// a common name. Each single key's range is already in person_id order, so the statements here
/// read single keys and let SQLite merge them in order without sorting: people holding two tokens
/// are the union, over one key of each, of <c>key INTERSECT key</c>, and the first page by
/// person_id stops the merge early. When one token is much rarer than the other, its rows are
/// walked instead, probing the primary key for the other token. Which is cheaper is decided from
/// the sizes of the keys' ranges, estimated from a sample (<see cref="SizeSample"/>). Lists of ids
/// travel as one JSON parameter rather than hundreds of expanded ones.
/// </para>
/// <para>
/// SQL Server plans the set-based statements well, so there the original statements run. All
/// statements are valid in both dialects (the SQL Server text of <see cref="HoldingAllOf"/> reads
/// OPENJSON).
/// </para>
/// </remarks>
public sealed partial class CandidateQueries(RegistryDatabase database)
{
    /// <summary>
    /// Rows read from each key's range to estimate its size. Person ids are random (version 4 GUIDs),
    /// so the first n rows of a range reach about n/size of the way through the ids: reading a hundred
    /// tells a rare key from a common one within some ten per cent, without counting either.
    /// </summary>
    internal const int SizeSample = 100;

    /// <summary>Rough costs, in SQLite steps, of probing the primary key versus stepping through a merge.</summary>
    private const double ProbeCost = 0.75;
    private const double MergeCost = 0.07;

    /// <summary>Pages of a pair intersection read while looking for people who also hold the other tokens.</summary>
    private const int MaxPairPages = 20;

    private bool Sqlite => database.Dialect == SqlDialect.Sqlite;

    // ---- Statements ----------------------------------------------------------------------------

    internal static string ByAllTokens(int tokens, SqlDialect dialect) =>
        string.Join(" INTERSECT ", Enumerable.Range(0, tokens).Select(i => $"SELECT person_id FROM name_keys WHERE name_key IN {dialect.InList($"@K{i}")}"))
        + $" ORDER BY person_id {dialect.Page("@Take")}";

    internal static string ByAnyKey(SqlDialect dialect) =>
        $"""
        SELECT person_id FROM name_keys WHERE name_key IN {dialect.InList("@Keys")}
        GROUP BY person_id HAVING COUNT(*) >= @MinHits ORDER BY COUNT(*) DESC, person_id {dialect.Page("@Take")}
        """;

    /// <summary>
    /// For search, a date of birth or an area alone matches thousands: only those the caller may see
    /// are taken, or the first few hundred would mostly be other agencies' people and hide the caller's own.
    /// </summary>
    internal static string VisibleByDateOfBirth(SqlDialect dialect) =>
        $"""
        SELECT person_id FROM persons
        WHERE dob_year = @Year AND (@Month IS NULL OR dob_month IS NULL OR dob_month = @Month)
          AND (@Day IS NULL OR dob_day IS NULL OR dob_day = @Day)
          AND {RegistryAccessFacts.VisibleTo("persons.person_id")}
        ORDER BY person_id {dialect.Page("@Take")}
        """;

    /// <summary>
    /// For search by a single name ("Smith"): thousands hold the token, so only those the caller may
    /// see are taken, each key's range walked in person_id order and merged.
    /// </summary>
    internal static string VisibleHoldingToken(SqlDialect dialect) =>
        $"""
        SELECT person_id FROM name_keys WHERE name_key = @A0 AND {RegistryAccessFacts.VisibleTo("name_keys.person_id")}
        UNION
        SELECT person_id FROM name_keys WHERE name_key = @A1 AND {RegistryAccessFacts.VisibleTo("name_keys.person_id")}
        ORDER BY person_id {dialect.Page("@Take")}
        """;

    /// <summary>A confidential address is no evidence of living in an area: only the agencies it names may know it.</summary>
    internal static string ByArea(SqlDialect dialect) =>
        $"""
        SELECT DISTINCT person_id FROM addresses
        WHERE local_authority = @Area AND confidential = 0 AND {RegistryAccessFacts.VisibleTo("addresses.person_id")}
        ORDER BY person_id {dialect.Page("@Take")}
        """;

    internal static string InArea(SqlDialect dialect) =>
        $"SELECT DISTINCT person_id FROM addresses WHERE local_authority = @Area AND confidential = 0 AND person_id IN {dialect.InList("@Ids")}";

    /// <summary>Each given record and the record it is linked into, if any.</summary>
    internal static string LinksOf(SqlDialect dialect) =>
        $"SELECT person_id, linked_to FROM persons WHERE person_id IN {dialect.InList("@Ids")}";

    internal static string Rows(SqlDialect dialect) =>
        $"""
        SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
               current_area, linked_to, registered_at, registered_by_agency, updated_at
        FROM persons WHERE person_id IN {dialect.InList("@Ids")}
        """;

    /// <summary>A list of ids or name keys as one JSON parameter (<see cref="SqlDialect.InList"/>).</summary>
    private static string Ids(IEnumerable<string> ids) => SqlDialect.ListParameter(ids);

    // ---- Look-ups ------------------------------------------------------------------------------

    /// <summary>
    /// People whose names match a query of one or more tokens (the keys of each token, from
    /// <see cref="Domain.Names.NameIndexKeys.ForQuery"/>): those holding every token, each by any of
    /// its keys, the first <paramref name="take"/> by person_id. When fewer than <paramref name="few"/>
    /// hold every token of a longer name, up to <paramref name="take"/> more: for three or more tokens,
    /// those holding all but one (a missing or different middle name, a changed family name), then
    /// those holding one token by both its spelling and its sound. For two tokens these are the people
    /// <see cref="ByAnyKeyAsync"/> ranks first with two hits.
    /// </summary>
    public async Task<IReadOnlyList<string>> ByNameAsync(DbConnection db, DbTransaction? tx,
        IReadOnlyList<IReadOnlyList<string>> tokenKeys, int take, int few)
    {
        if (tokenKeys.Count == 0)
        {
            return [];
        }
        if (!Sqlite || tokenKeys.Any(keys => keys.Count == 0))
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < tokenKeys.Count; i++)
            {
                parameters.Add($"K{i}", Ids(tokenKeys[i]));
            }
            parameters.Add("Take", take);
            var holdingAll = (await db.QueryAsync<string>(ByAllTokens(tokenKeys.Count, database.Dialect), parameters, tx)).AsList();
            return holdingAll.Count >= few || tokenKeys.Count < 2
                ? holdingAll
                : holdingAll.Union(await ByAnyKeyAsync(db, tx, tokenKeys.SelectMany(k => k).ToHashSet(StringComparer.Ordinal), 2, take)).ToList();
        }
        var tokens = await SizedAsync(db, tx, tokenKeys);
        var pairs = new Dictionary<(int, int), IReadOnlyList<string>>();
        async Task<IReadOnlyList<string>> PairAsync(int i, int j)
        {
            if (!pairs.TryGetValue((i, j), out var found))
            {
                pairs[(i, j)] = found = await HoldingPairAsync(db, tx, tokens[i], tokens[j], "", take);
            }
            return found;
        }

        var all = await HoldingAllAsync(db, tx, tokens, take, PairAsync);
        if (all.Count >= few || tokens.Count < 2)
        {
            return all;
        }
        var result = new List<string>(all);
        var seen = new HashSet<string>(all, StringComparer.Ordinal);
        void Add(IEnumerable<string> ids, int most)
        {
            foreach (var id in ids)
            {
                if (most <= 0 || result.Count - all.Count >= take)
                {
                    break;
                }
                if (seen.Add(id))
                {
                    result.Add(id);
                    most--;
                }
            }
        }
        if (tokens.Count >= 3)
        {
            // Those holding all tokens but one: each pair of tokens in turn, the rarest first, takes an
            // equal share of what is left (first by person_id), so that no common pair is read to its end.
            var pairOrder = Enumerable.Range(0, tokens.Count)
                .SelectMany(i => Enumerable.Range(i + 1, tokens.Count - i - 1).Select(j => (i, j)))
                .OrderBy(p => tokens[p.i].Size + tokens[p.j].Size)
                .ToList();
            for (var n = 0; n < pairOrder.Count && result.Count - all.Count < take; n++)
            {
                var share = (take - (result.Count - all.Count) + pairOrder.Count - n - 1) / (pairOrder.Count - n);
                var (i, j) = pairOrder[n];
                Add(pairs.TryGetValue((i, j), out var known) ? known : await HoldingPairAlikeAsync(db, tx, tokens[i], tokens[j], share), share);
            }
        }
        if (result.Count - all.Count < take)
        {
            // Then those holding one token by both its spelling and its sound.
            // A page at a time, as some of them may have been found already.
            var after = "";
            var split = tokens.Where(t => t.Keys[0] != t.Keys[1]).ToList();
            while (split.Count > 0 && result.Count - all.Count < take)
            {
                var page = take - (result.Count - all.Count) + 16;
                var bothKeys = new List<IReadOnlyList<string>>(split.Count);
                foreach (var token in split)
                {
                    bothKeys.Add((await db.QueryAsync<string>(HoldingKeys(database.Dialect),
                        new { A = token.Keys[0], B = token.Keys[1], After = after, Take = page }, tx)).AsList());
                }
                var merged = MergeInOrder(bothKeys, page);
                Add(merged, take);
                if (merged.Count < page)
                {
                    break;
                }
                after = merged[^1];
            }
        }
        return result;
    }

    /// <summary>People sharing at least <paramref name="minHits"/> name keys, most shared first.</summary>
    public async Task<IReadOnlyList<string>> ByAnyKeyAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> keys, int minHits, int take) =>
        keys.Count == 0 ? [] : (await db.QueryAsync<string>(ByAnyKey(database.Dialect), new { Keys = Ids(keys), MinHits = minHits, Take = take }, tx)).AsList();

    public async Task<IReadOnlyList<string>> VisibleHoldingTokenAsync(DbConnection db, DbTransaction? tx, IReadOnlyList<string> keys, Caller caller, DateTimeOffset now, int take) =>
        (await db.QueryAsync<string>(VisibleHoldingToken(database.Dialect),
            new { A0 = keys[0], A1 = keys[^1], caller.Agency, CallerArea = caller.LocalAuthority, Now = now, Take = take }, tx)).AsList();

    public async Task<IReadOnlyList<string>> VisibleByDateOfBirthAsync(DbConnection db, DbTransaction? tx, PartialDate dob, Caller caller, DateTimeOffset now, int take) =>
        (await db.QueryAsync<string>(VisibleByDateOfBirth(database.Dialect),
            new { dob.Year, dob.Month, dob.Day, caller.Agency, CallerArea = caller.LocalAuthority, Now = now, Take = take }, tx)).AsList();

    public async Task<IReadOnlyList<string>> ByAreaAsync(DbConnection db, DbTransaction? tx, string area, Caller caller, DateTimeOffset now, int take) =>
        (await db.QueryAsync<string>(ByArea(database.Dialect),
            new { Area = area, caller.Agency, CallerArea = caller.LocalAuthority, Now = now, Take = take }, tx)).AsList();

    public async Task<IReadOnlySet<string>> InAreaAsync(DbConnection db, DbTransaction? tx, string area, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? new HashSet<string>()
            : (await db.QueryAsync<string>(InArea(database.Dialect), new { Area = area, Ids = Ids(personIds) }, tx)).ToHashSet(StringComparer.Ordinal);

    /// <summary>For each given record that exists, the record it is linked into, or null.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> LinksOfAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? new Dictionary<string, string?>()
            : (await db.QueryAsync<(string PersonId, string? LinkedTo)>(LinksOf(database.Dialect), new { Ids = Ids(personIds) }, tx))
                .ToDictionary(row => row.PersonId, row => row.LinkedTo, StringComparer.Ordinal);

    public async Task<IReadOnlyList<PersonRow>> RowsAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? [] : (await db.QueryAsync<PersonRow>(Rows(database.Dialect), new { Ids = Ids(personIds) }, tx)).AsList();
}
