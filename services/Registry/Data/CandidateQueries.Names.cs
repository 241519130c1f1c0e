using System.Data.Common;
using System.Text.Json;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Domain;

namespace Platform.Registry.Data;

/// <summary>Name look-ups shaped for SQLite's planner (see the remarks on <see cref="CandidateQueries"/>).</summary>
public sealed partial class CandidateQueries
{
    // ---- Statements of the SQLite name matching ------------------------------------------------

    /// <summary>
    /// For each of <paramref name="keys"/> name keys, the first @Sample of its rows: how many there are
    /// and the last person_id among them, from which the size of a longer range is estimated.
    /// </summary>
    internal static string KeySamples(SqlDialect dialect, int keys) =>
        string.Join(" UNION ALL ", Enumerable.Range(0, keys).Select(i =>
            $"SELECT {i} AS key_slot, COUNT(*) AS key_rows, MAX(person_id) AS last_id FROM (SELECT person_id FROM name_keys WHERE name_key = @K{i} ORDER BY person_id {dialect.Page("@Sample")}) s{i}"));

    /// <summary>People holding a token (either of its two keys), in person_id order.</summary>
    internal static string HoldingToken(SqlDialect dialect) =>
        $"{Key("@A0", "@After")} UNION {Key("@A1", "@After")} ORDER BY person_id {dialect.Page("@Take")}";

    /// <summary>
    /// People holding both key @A and key @B: two ranges merged in person_id order, nothing sorted.
    /// A pair of tokens is the union of this over their keys.
    /// </summary>
    internal static string HoldingKeys(SqlDialect dialect) =>
        $"{Key("@A", "@After")} INTERSECT {Key("@B", "@After")} ORDER BY person_id {dialect.Page("@Take")}";

    /// <summary>
    /// People holding token A and every one of <paramref name="others"/> further tokens (keys @T{i}K0,
    /// @T{i}K1), walking token A's rows and probing the primary key for the others: for a rare token A.
    /// </summary>
    internal static string HoldingTokenProbing(SqlDialect dialect, int others)
    {
        string Walk(string key) =>
            $"SELECT n.person_id FROM name_keys n WHERE n.name_key = {key} AND n.person_id > @After"
            + string.Concat(Enumerable.Range(0, others).Select(i => $" AND ({Holds("n.person_id", i, 0)} OR {Holds("n.person_id", i, 1)})"));
        return $"{Walk("@A0")} UNION {Walk("@A1")} ORDER BY person_id {dialect.Page("@Take")}";
    }

    /// <summary>Of the listed ids (in order), those that hold every one of <paramref name="tokens"/> tokens.</summary>
    internal static string HoldingAllOf(SqlDialect dialect, int tokens)
    {
        var (list, value, order) = dialect == SqlDialect.Sqlite
            ? ("json_each(@Ids) j", "j.value", "j.\"key\"")
            : ("OPENJSON(@Ids) j", "j.value", "CAST(j.[key] AS INT)");
        return $"SELECT {value} AS person_id FROM {list} WHERE "
            + string.Join(" AND ", Enumerable.Range(0, tokens).Select(i => $"({Holds(value, i, 0)} OR {Holds(value, i, 1)})"))
            + $" ORDER BY {order}";
    }

    private static string Key(string key, string after) => $"SELECT person_id FROM name_keys WHERE name_key = {key} AND person_id > {after}";

    private static string Holds(string person, int token, int key) =>
        $"EXISTS (SELECT 1 FROM name_keys k WHERE k.name_key = @T{token}K{key} AND k.person_id = {person})";


    /// <summary>A query token: its two keys (one repeated when it has only one) and how many rows they hold.</summary>
    private sealed record Token(string[] Keys, int[] Sizes)
    {
        public int Size => Sizes[0] + (Keys[0] == Keys[1] ? 0 : Sizes[1]);

        public int SizeOf(string key) => Sizes[Array.IndexOf(Keys, key)];
    }

    /// <summary>The tokens with the (estimated) sizes of their keys, smallest first.</summary>
    private async Task<List<Token>> SizedAsync(DbConnection db, DbTransaction? tx, IReadOnlyList<IReadOnlyList<string>> tokenKeys)
    {
        var distinct = tokenKeys.SelectMany(k => k).Distinct(StringComparer.Ordinal).ToList();
        var parameters = new DynamicParameters();
        for (var i = 0; i < distinct.Count; i++)
        {
            parameters.Add($"K{i}", distinct[i]);
        }
        parameters.Add("Sample", SizeSample);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (slot, rows, lastId) in await db.QueryAsync<(long Slot, long Rows, string? LastId)>(KeySamples(database.Dialect, distinct.Count), parameters, tx))
        {
            sizes[distinct[(int)slot]] = EstimatedSize((int)rows, lastId);
        }
        return tokenKeys
            .Select(keys => keys.Count == 1 ? [keys[0], keys[0]] : keys.Take(2).ToArray())
            .Select(keys => new Token(keys, [sizes[keys[0]], sizes[keys[1]]]))
            .OrderBy(token => token.Size)
            .ToList();
    }

    /// <summary>
    /// A range whose sample was not full has exactly that many rows; otherwise the sample reached
    /// the fraction of the id space that the last id's first 32 bits give.
    /// </summary>
    internal static int EstimatedSize(int sampled, string? lastId)
    {
        if (sampled < SizeSample)
        {
            return sampled;
        }
        if (lastId is not { Length: >= 8 } || !uint.TryParse(lastId.AsSpan(0, 8), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var prefix))
        {
            return sampled * 100; // not a GUID: assume common
        }
        var reached = Math.Max(prefix / 4294967296.0, 1e-6);
        return (int)Math.Min(int.MaxValue / 4.0, sampled / reached);
    }

    private async Task<IReadOnlyList<string>> HoldingAllAsync(DbConnection db, DbTransaction? tx, List<Token> tokens, int take,
        Func<int, int, Task<IReadOnlyList<string>>> firstPairPage)
    {
        if (tokens.Count == 1)
        {
            return (await db.QueryAsync<string>(HoldingToken(database.Dialect),
                new { A0 = tokens[0].Keys[0], A1 = tokens[0].Keys[1], After = "", Take = take }, tx)).AsList();
        }
        if (tokens.Count == 2)
        {
            return await firstPairPage(0, 1);
        }
        // Three or more: the two rarest tokens a page at a time, kept if they hold the rest as well.
        var others = tokens.Skip(2).ToList();
        var found = new List<string>();
        var after = "";
        for (var page = 0; page < MaxPairPages && found.Count < take; page++)
        {
            var pair = page == 0 ? await firstPairPage(0, 1) : await HoldingPairAsync(db, tx, tokens[0], tokens[1], after, take);
            if (pair.Count == 0)
            {
                break;
            }
            var parameters = TokenParameters(others);
            parameters.Add("Ids", JsonSerializer.Serialize(pair));
            found.AddRange(await db.QueryAsync<string>(HoldingAllOf(database.Dialect, others.Count), parameters, tx));
            if (pair.Count < take)
            {
                break;
            }
            after = pair[^1];
        }
        return found.Count > take ? found.GetRange(0, take) : found;
    }

    /// <summary>The first <paramref name="take"/> people after <paramref name="after"/>, by person_id, holding both tokens.</summary>
    private async Task<IReadOnlyList<string>> HoldingPairAsync(DbConnection db, DbTransaction? tx, Token a, Token b, string after, int take)
    {
        if (a.Size > b.Size)
        {
            (a, b) = (b, a);
        }
        var keysA = a.Keys.Distinct(StringComparer.Ordinal).ToList();
        var keysB = b.Keys.Distinct(StringComparer.Ordinal).ToList();
        var probing = a.Size * keysB.Count * ProbeCost;
        var merging = keysA.Sum(x => keysB.Sum(y => a.SizeOf(x) + b.SizeOf(y))) * MergeCost;
        if (probing <= merging)
        {
            var parameters = TokenParameters([b]);
            parameters.AddDynamicParams(new { A0 = a.Keys[0], A1 = a.Keys[1], After = after, Take = take });
            return (await db.QueryAsync<string>(HoldingTokenProbing(database.Dialect, 1), parameters, tx)).AsList();
        }
        var lists = new List<IReadOnlyList<string>>(keysA.Count * keysB.Count);
        foreach (var x in keysA)
        {
            foreach (var y in keysB)
            {
                lists.Add((await db.QueryAsync<string>(HoldingKeys(database.Dialect),
                    new { A = x, B = y, After = after, Take = take }, tx)).AsList());
            }
        }
        return MergeInOrder(lists, take);
    }

    /// <summary>
    /// The first <paramref name="take"/> people, by person_id, holding both tokens by the same kind of
    /// key: both by sound or both by spelling. Half the reading of <see cref="HoldingPairAsync"/>,
    /// for the looser look-up of people holding all tokens but one.
    /// </summary>
    private async Task<IReadOnlyList<string>> HoldingPairAlikeAsync(DbConnection db, DbTransaction? tx, Token a, Token b, int take)
    {
        var lists = new List<IReadOnlyList<string>>(2);
        for (var k = 0; k < 2; k++)
        {
            lists.Add((await db.QueryAsync<string>(HoldingKeys(database.Dialect),
                new { A = a.Keys[k], B = b.Keys[k], After = "", Take = take }, tx)).AsList());
        }
        return MergeInOrder(lists, take);
    }

    private static DynamicParameters TokenParameters(IReadOnlyList<Token> tokens)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < tokens.Count; i++)
        {
            parameters.Add($"T{i}K0", tokens[i].Keys[0]);
            parameters.Add($"T{i}K1", tokens[i].Keys[1]);
        }
        return parameters;
    }

    /// <summary>The union of lists already in ordinal order (as SQLite's BINARY collation sorts ids), in order, without repeats.</summary>
    private static List<string> MergeInOrder(IReadOnlyList<IReadOnlyList<string>> lists, int take)
    {
        if (lists.Count == 1)
        {
            return lists[0].Take(take).ToList();
        }
        var merged = new List<string>();
        var at = new int[lists.Count];
        while (merged.Count < take)
        {
            string? next = null;
            for (var i = 0; i < lists.Count; i++)
            {
                if (at[i] < lists[i].Count && (next is null || string.CompareOrdinal(lists[i][at[i]], next) < 0))
                {
                    next = lists[i][at[i]];
                }
            }
            if (next is null)
            {
                break;
            }
            merged.Add(next);
            for (var i = 0; i < lists.Count; i++)
            {
                if (at[i] < lists[i].Count && lists[i][at[i]] == next)
                {
                    at[i]++;
                }
            }
        }
        return merged;
    }
}
