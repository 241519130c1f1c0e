using System.Data.Common;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Names;
using PartialDate = Platform.Registry.Domain.PartialDate;

namespace Platform.Registry.Data;

/// <summary>
/// Ranked person search. Candidates come from the indexes; the caller's legitimate relationships
/// filter them; the survivors are scored on name similarity (over every name type) and date of birth.
/// </summary>
public sealed class PersonSearch(PersonStore people, CandidateQueries candidates, RegistryAccessFacts access)
{
    private const int CandidateLimit = 500;

    public sealed record Query(string Name, PartialDate? DateOfBirth, string? NhsOwner, string? IdentifierOwner,
        bool ByNhs, bool ByIdentifier, string? Area);

    public sealed record Hit(PersonRow Row, double Score, IReadOnlyList<string> Reasons);

    public async Task<IReadOnlyList<Hit>> SearchAsync(DbConnection db, DbTransaction? tx, Caller caller, Query query)
    {
        var ids = await CandidatesAsync(db, tx, query);
        if (query.Area is not null && ids is not null)
        {
            ids = (await candidates.InAreaAsync(db, tx, query.Area, ids)).ToList();
        }
        ids ??= query.Area is not null ? [.. await candidates.ByAreaAsync(db, tx, query.Area, CandidateLimit)] : [];

        var rows = await ResolveLinksAsync(db, tx, ids);
        var visible = await access.VisibleAsync(db, tx, caller, rows.Select(r => r.PersonId).ToList());
        var queryTokens = NameNormaliser.Tokens(query.Name);
        return rows
            .Where(row => visible.Contains(row.PersonId))
            .Select(row => Score(row, queryTokens, query.DateOfBirth))
            .Where(hit => hit is not null)
            .Select(hit => hit!)
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Row.DisplayName, StringComparer.Ordinal)
            .ThenBy(hit => hit.Row.PersonId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Null when no criterion narrows the search (only an area was given).</summary>
    private async Task<List<string>?> CandidatesAsync(DbConnection db, DbTransaction? tx, Query query)
    {
        List<string>? ids = null;
        void Narrow(IEnumerable<string> found) => ids = ids is null ? found.ToList() : ids.Intersect(found).ToList();

        if (query.ByNhs)
        {
            Narrow(query.NhsOwner is null ? [] : [query.NhsOwner]);
        }
        if (query.ByIdentifier)
        {
            Narrow(query.IdentifierOwner is null ? [] : [query.IdentifierOwner]);
        }
        if (query.Name.Length > 0)
        {
            var tokenKeys = NameIndexKeys.ForQuery(query.Name);
            var all = await candidates.ByAllTokensAsync(db, tx, tokenKeys, CandidateLimit);
            // Too few people hold every token: also rank those holding most of them (a missing middle name).
            var found = all.Count >= 20 || tokenKeys.Count < 2
                ? all
                : all.Union(await candidates.ByAnyKeyAsync(db, tx, tokenKeys.SelectMany(k => k).ToHashSet(), 2, CandidateLimit)).ToList();
            Narrow(found);
        }
        if (query.DateOfBirth is { } dob && ids is null)
        {
            Narrow(await candidates.ByDateOfBirthAsync(db, tx, dob, CandidateLimit));
        }
        return ids;
    }

    /// <summary>A record linked into another is found under the record that stays.</summary>
    private async Task<IReadOnlyList<PersonRow>> ResolveLinksAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> ids)
    {
        var rows = await people.GetManyAsync(db, tx, ids);
        var survivors = rows.Where(r => r.LinkedTo is null).ToList();
        var missing = rows.Where(r => r.LinkedTo is not null).Select(r => r.LinkedTo!).Except(survivors.Select(s => s.PersonId)).ToList();
        survivors.AddRange(await people.GetManyAsync(db, tx, missing));
        return survivors.DistinctBy(r => r.PersonId).ToList();
    }

    private static Hit? Score(PersonRow row, IReadOnlyList<string> queryTokens, PartialDate? dob)
    {
        var reasons = new List<string>();
        var score = 0.0;
        if (queryTokens.Count > 0)
        {
            var (best, name) = row.Names()
                .Select(n => (similarity: NameSimilarity.TokenSetSimilarity(queryTokens, NameNormaliser.Tokens(n)), n))
                .DefaultIfEmpty((0.0, ""))
                .MaxBy(x => x.Item1);
            score += best;
            reasons.Add(best >= 0.999 ? $"name '{name}' matches" : $"name '{name}' is similar ({best:0.00})");
        }
        if (dob is { } wanted)
        {
            var held = row.DobYear is { } y && PartialDate.TryCreate(y, row.DobMonth, row.DobDay, out var d, out _) ? d : (PartialDate?)null;
            if (held is { } h && !h.IsCompatibleWith(wanted))
            {
                return null; // a different known date of birth is not this person
            }
            score += held is null ? 0.0 : h2(held.Value, wanted);
            reasons.Add(held is null ? "date of birth not recorded" : $"date of birth {held.Value.ToIsoString()} fits");
        }
        return new Hit(row, Math.Round(score, 4), reasons);

        static double h2(PartialDate held, PartialDate wanted) => held == wanted ? 0.5 : 0.25;
    }
}
