using System.Data.Common;
using System.Numerics;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Names;

namespace Platform.Registry.Data;

/// <summary>Look-ups by name and date of birth together (<see cref="NameBirthKeys"/>, registry migration 007).</summary>
public sealed partial class CandidateQueries
{
    /// <summary>
    /// The rows of the listed keys under a compatible date of birth: the range of dates it may be,
    /// then the coarser dates (a year alone, no date). Each key and date is one seek of the primary key.
    /// </summary>
    internal static string ByNameAndBirth(SqlDialect dialect) =>
        $"""
        SELECT name_key, born, person_id FROM name_birth_keys
        WHERE name_key IN {dialect.InList("@Keys")} AND born BETWEEN @From AND @To
        UNION ALL
        SELECT name_key, born, person_id FROM name_birth_keys
        WHERE name_key IN {dialect.InList("@Keys")} AND born IN {dialect.InList("@Coarser", ListItems.Numbers)}
        """;

    /// <summary>
    /// People born on a date compatible with <paramref name="dob"/> who hold at least
    /// <paramref name="minTokens"/> of the tokens (each by any of its keys, <see cref="NameBirthKeys.ForTokens"/>),
    /// or, when <paramref name="dob"/> is a full date, one token and that very date: the few born that day
    /// with the same family name, whose given name may be two slips away (Rosalyn, Rosalind). Those
    /// holding most tokens first, then by person_id.
    /// </summary>
    public async Task<IReadOnlyList<string>> ByNameAndBirthAsync(DbConnection db, DbTransaction? tx,
        IReadOnlyList<IReadOnlyList<string>> tokenKeys, PartialDate dob, int minTokens, int take)
    {
        // A bit per token; a name of more than 64 distinct tokens is matched on its first 64.
        var tokensOf = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(tokenKeys.Count, 64); i++)
        {
            foreach (var key in tokenKeys[i])
            {
                tokensOf[key] = tokensOf.GetValueOrDefault(key) | (1UL << i);
            }
        }
        if (tokensOf.Count == 0)
        {
            return [];
        }
        var (from, to, coarser) = NameBirthKeys.Compatible(dob);
        var rows = await db.QueryAsync<(string Key, long Born, string PersonId)>(ByNameAndBirth(database.Dialect),
            new { Keys = Ids(tokensOf.Keys), From = from, To = to, Coarser = SqlDialect.ListParameter(coarser) }, tx);
        var held = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var sameDay = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, born, personId) in rows)
        {
            held[personId] = held.GetValueOrDefault(personId) | tokensOf[key];
            if (dob.Precision == DatePrecision.Day && born == from)
            {
                sameDay.Add(personId);
            }
        }
        return held
            .Select(pair => (pair.Key, Tokens: BitOperations.PopCount(pair.Value)))
            .Where(person => person.Tokens >= minTokens || sameDay.Contains(person.Key))
            .OrderByDescending(person => person.Tokens).ThenBy(person => person.Key, StringComparer.Ordinal)
            .Take(take)
            .Select(person => person.Key)
            .ToList();
    }
}
