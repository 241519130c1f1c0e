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
public sealed class PersonSearch(CandidateQueries candidates, RegistryAccessFacts access, TimeProvider clock)
{
    private const int CandidateLimit = 500;
    private const int FewHolders = 20;

    public sealed record Query(string Name, PartialDate? DateOfBirth, string? NhsOwner, string? IdentifierOwner,
        bool ByNhs, bool ByIdentifier, string? Area);

    public sealed record Hit(PersonRow Row, double Score, IReadOnlyList<string> Reasons);

    public async Task<IReadOnlyList<Hit>> SearchAsync(DbConnection db, DbTransaction? tx, Caller caller, Query query)
    {
        var ids = await CandidatesAsync(db, tx, caller, query);
        if (query.Area is not null && ids is not null)
        {
            ids = (await candidates.InAreaAsync(db, tx, query.Area, ids)).ToList();
        }
        ids ??= query.Area is not null ? [.. await candidates.ByAreaAsync(db, tx, query.Area, caller, clock.GetUtcNow(), CandidateLimit)] : [];

        // A record linked into another is found under the record that stays; only the people the
        // caller may see are read and scored.
        var links = await candidates.LinksOfAsync(db, tx, ids);
        var survivors = ids.Where(links.ContainsKey).Select(id => links[id] ?? id).Distinct(StringComparer.Ordinal).ToList();
        var visible = await access.VisibleAsync(db, tx, caller, survivors);
        var rows = await candidates.RowsAsync(db, tx, survivors.Where(visible.Contains).ToList());
        var queryTokens = NameNormaliser.Tokens(query.Name);
        return rows
            .Select(row => Score(row, queryTokens, query.DateOfBirth))
            .Where(hit => hit is not null)
            .Select(hit => hit!)
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Row.DisplayName, StringComparer.Ordinal)
            .ThenBy(hit => hit.Row.PersonId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Null when no criterion narrows the search (only an area was given).</summary>
    private async Task<List<string>?> CandidatesAsync(DbConnection db, DbTransaction? tx, Caller caller, Query query)
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
            // Those holding every token; if fewer than FewHolders do, also those holding most of them
            // (a missing middle name).
            var tokenKeys = NameIndexKeys.ForQuery(query.Name);
            var byName = tokenKeys.Count == 1
                ? await candidates.VisibleHoldingTokenAsync(db, tx, tokenKeys[0], caller, clock.GetUtcNow(), CandidateLimit)
                : await candidates.ByNameAsync(db, tx, tokenKeys, CandidateLimit, FewHolders);
            if (query.DateOfBirth is { } born)
            {
                // With a date of birth, also the few born then whose names are one slip away from the
                // query's (Tompson for Thompson), which the name keys alone miss among the many who
                // share a common name.
                var birthKeys = NameBirthKeys.ForTokens([query.Name]);
                byName = byName.Union(await candidates.ByNameAndBirthAsync(db, tx, birthKeys, born, Math.Min(2, birthKeys.Count), CandidateLimit)).ToList();
            }
            Narrow(byName);
        }
        if (query.DateOfBirth is { } dob && ids is null)
        {
            Narrow(await candidates.VisibleByDateOfBirthAsync(db, tx, dob, caller, clock.GetUtcNow(), CandidateLimit));
        }
        return ids;
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
