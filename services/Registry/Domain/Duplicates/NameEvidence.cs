using Platform.Registry.Domain.Names;

namespace Platform.Registry.Domain.Duplicates;

/// <summary>
/// Finds the strongest agreement between any name of one person and any name of
/// another, and describes it in a short sentence.
/// </summary>
internal static class NameEvidence
{
    // A lone forename or surname agrees with far too many people to count.
    private const int MinimumTokens = 2;

    private const int MaxDisplayLength = 40;

    private enum Strength
    {
        None,
        Similar,
        Equivalent,
        Exact,
    }

    /// <returns>The reason to report, or null when no pair of names agrees.</returns>
    public static string? Describe(
        IReadOnlyList<string> incoming, IReadOnlyList<string> existing, DuplicateScoringOptions options)
    {
        var left = Prepare(incoming);
        var right = Prepare(existing);
        string? bestReason = null;
        var bestStrength = Strength.None;
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                var (strength, reason) = Compare(l, r, options);
                if (strength > bestStrength)
                {
                    (bestStrength, bestReason) = (strength, reason);
                    if (strength == Strength.Exact)
                    {
                        return bestReason;
                    }
                }
            }
        }

        return bestReason;
    }

    private static (Strength Strength, string? Reason) Compare(Name l, Name r, DuplicateScoringOptions options)
    {
        if (Math.Min(l.Tokens.Length, r.Tokens.Length) < MinimumTokens)
        {
            return (Strength.None, null);
        }

        // Word order is ignored: records are often keyed surname first.
        if (string.Equals(l.SortedTokens, r.SortedTokens, StringComparison.Ordinal))
        {
            return (Strength.Exact, $"same name '{l.Display}'");
        }

        var (shorter, longer) = l.Tokens.Length <= r.Tokens.Length ? (l, r) : (r, l);
        if (Correspond(shorter, longer, options.PhoneticMinimumSimilarity, out var misspelt))
        {
            return misspelt
                ? (Strength.Equivalent, $"name '{l.Display}' looks like a misspelling of '{r.Display}'")
                : (Strength.Equivalent, $"name '{l.Display}' sounds like '{r.Display}'");
        }

        var similarity = NameSimilarity.TokenSetSimilarity(l.Tokens, r.Tokens);
        return similarity >= options.NameThreshold
            ? (Strength.Similar, $"name '{l.Display}' is similar to '{r.Display}'")
            : (Strength.None, null);
    }

    // Every token of the shorter name must pair with its own token of the longer
    // one, either by sound or as the same letters with one adjacent pair swapped.
    private static bool Correspond(Name shorter, Name longer, double phoneticFloor, out bool misspelt)
    {
        misspelt = false;
        Span<bool> used = longer.Tokens.Length <= 32 ? stackalloc bool[32] : new bool[longer.Tokens.Length];
        for (var i = 0; i < shorter.Tokens.Length; i++)
        {
            var match = -1;
            for (var j = 0; j < longer.Tokens.Length && match < 0; j++)
            {
                if (!used[j]
                    && string.Equals(shorter.Phonetic[i], longer.Phonetic[j], StringComparison.Ordinal)
                    && NameSimilarity.JaroWinkler(shorter.Tokens[i], longer.Tokens[j]) >= phoneticFloor)
                {
                    match = j;
                }
            }

            for (var j = 0; j < longer.Tokens.Length && match < 0; j++)
            {
                if (!used[j]
                    && string.Equals(shorter.Anagram[i], longer.Anagram[j], StringComparison.Ordinal)
                    && NameSimilarity.DamerauLevenshtein(shorter.Tokens[i], longer.Tokens[j]) == 1)
                {
                    match = j;
                    misspelt = true;
                }
            }

            if (match < 0)
            {
                return false;
            }

            used[match] = true;
        }

        return true;
    }

    private static List<Name> Prepare(IReadOnlyList<string> names)
    {
        var prepared = new List<Name>(names.Count);
        foreach (var name in names)
        {
            // Null entries can arrive from deserialised input despite the annotation.
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var tokens = NameNormaliser.Tokens(name).ToArray();
            if (tokens.Length == 0)
            {
                continue;
            }

            prepared.Add(new Name(
                Display(name),
                tokens,
                string.Join(' ', tokens.Order(StringComparer.Ordinal)),
                Array.ConvertAll(tokens, PhoneticKey.Encode),
                Array.ConvertAll(tokens, AnagramKey.Encode)));
        }

        return prepared;
    }

    // Reasons are read in review screens and audit entries; keep them short.
    private static string Display(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= MaxDisplayLength ? trimmed : string.Concat(trimmed.AsSpan(0, MaxDisplayLength - 1), "…");
    }

    private sealed record Name(string Display, string[] Tokens, string SortedTokens, string[] Phonetic, string[] Anagram);
}
