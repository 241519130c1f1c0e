using System.Buffers;

namespace Platform.Registry.Domain.Names;

/// <summary>
/// String similarity measures for names. Comparisons are ordinal, so pass text
/// through <see cref="NameNormaliser"/> first.
/// </summary>
/// <remarks>
/// These run for every candidate in a ranked search, so working memory comes from
/// the stack for name-sized input and from <see cref="ArrayPool{T}"/> otherwise;
/// nothing is allocated per call for ordinary names.
/// </remarks>
public static class NameSimilarity
{
    private const int StackLimit = 256;

    // Winkler's constants: at most four prefix characters, each worth 0.1 of the
    // remaining distance, and no boost for strings that are not already similar.
    private const int MaxPrefix = 4;
    private const double PrefixScale = 0.1;
    private const double BoostThreshold = 0.7;

    /// <summary>
    /// Jaro-Winkler similarity from 0 (nothing in common) to 1 (identical). It
    /// rewards a shared beginning, which suits names: typos cluster at the end.
    /// </summary>
    public static double JaroWinkler(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        var size = a.Length + b.Length;
        bool[]? rented = null;
        var flags = size <= StackLimit
            ? stackalloc bool[StackLimit]
            : (rented = ArrayPool<bool>.Shared.Rent(size));
        try
        {
            flags = flags[..size];
            flags.Clear();
            var jaro = Jaro(a, b, flags[..a.Length], flags[a.Length..]);
            if (jaro <= BoostThreshold)
            {
                return jaro;
            }

            var limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
            var prefix = 0;
            while (prefix < limit && a[prefix] == b[prefix])
            {
                prefix++;
            }

            return jaro + (prefix * PrefixScale * (1.0 - jaro));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<bool>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Edit distance counting insertions, deletions, substitutions and swaps of
    /// adjacent characters, each as one edit (the optimal string alignment
    /// variant: a swapped pair is not edited again).
    /// </summary>
    public static int DamerauLevenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        // Only the current row and the two before it are needed.
        var width = b.Length + 1;
        var size = width * 3;
        int[]? rented = null;
        var rows = size <= StackLimit
            ? stackalloc int[StackLimit]
            : (rented = ArrayPool<int>.Shared.Rent(size));
        try
        {
            var beforePrevious = rows[..width];
            var previous = rows.Slice(width, width);
            var current = rows.Slice(width * 2, width);
            for (var j = 0; j < width; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j < width; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var distance = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        distance = Math.Min(distance, beforePrevious[j - 2] + 1);
                    }

                    current[j] = distance;
                }

                var recycled = beforePrevious;
                beforePrevious = previous;
                previous = current;
                current = recycled;
            }

            return previous[b.Length];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// For each token of the list with fewer tokens, the best Jaro-Winkler score
    /// against any token of the other list, averaged. Word order does not matter
    /// (surname-first records match forename-first ones) and extra middle names
    /// on the longer side cost nothing. 0 when either list is empty.
    /// </summary>
    public static double TokenSetSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (a.Count == 0 || b.Count == 0)
        {
            return 0.0;
        }

        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        var total = 0.0;
        for (var i = 0; i < shorter.Count; i++)
        {
            var best = 0.0;
            for (var j = 0; j < longer.Count && best < 1.0; j++)
            {
                best = Math.Max(best, JaroWinkler(shorter[i], longer[j]));
            }

            total += best;
        }

        return total / shorter.Count;
    }

    private static double Jaro(string a, string b, Span<bool> matchedA, Span<bool> matchedB)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var end = Math.Min(b.Length - 1, i + window);
            for (var j = Math.Max(0, i - window); j <= end; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        // Matched characters that appear in a different order; half of them,
        // rounded down as in Winkler's reference code, count as transpositions.
        var outOfOrder = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                outOfOrder++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (outOfOrder / 2)) / m)) / 3.0;
    }
}
