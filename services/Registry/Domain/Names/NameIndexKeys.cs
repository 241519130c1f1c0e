namespace Platform.Registry.Domain.Names;

/// <summary>
/// The search keys of a name: for every token, its phonetic key (Smyth = Smith) and its anagram key
/// (Smtih = Smith). A query token matches a person when any of its keys is among the person's keys.
/// </summary>
public static class NameIndexKeys
{
    public static IReadOnlySet<string> ForNames(IEnumerable<string> fullNames)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in fullNames.SelectMany(NameNormaliser.Tokens))
        {
            keys.UnionWith(ForToken(token));
        }
        return keys;
    }

    /// <summary>The keys of each token of a query, in token order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ForQuery(string query) =>
        NameNormaliser.Tokens(query).Distinct(StringComparer.Ordinal).Select(ForToken).ToList();

    public static IReadOnlyList<string> ForToken(string token)
    {
        var phonetic = PhoneticKey.Encode(token);
        var anagram = AnagramKey.Encode(token);
        return phonetic.Length > 0 ? ["p:" + phonetic, "a:" + anagram] : ["a:" + anagram];
    }
}
