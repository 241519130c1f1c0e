namespace Platform.Registry.Domain.Names;

/// <summary>
/// The keys under which a person is filed by name and date of birth together, for finding the same
/// person again when a name was keyed with one slip: every token of every name she is known by gives
/// its phonetic key (<c>p:</c>, Smyth = Smith) and its deletion neighbourhood (<c>d:</c>,
/// <see cref="DeletionNeighbourhood"/>: Tompson = Thompson, Smtih = Smith, Smoth = Smith), each beside
/// her date of birth (<see cref="Born"/>). A query token matches a person when one of its keys is one
/// of hers under a compatible date, so a look-up reads only the few people born then.
/// </summary>
public static class NameBirthKeys
{
    /// <summary>The distinct keys of all the names (full names, any type).</summary>
    public static IReadOnlySet<string> ForNames(IEnumerable<string> fullNames)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in fullNames.SelectMany(NameNormaliser.Tokens))
        {
            keys.UnionWith(ForToken(token));
        }
        return keys;
    }

    /// <summary>The keys of each distinct token of the names, in token order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ForTokens(IEnumerable<string> fullNames) =>
        fullNames.SelectMany(NameNormaliser.Tokens).Distinct(StringComparer.Ordinal).Select(ForToken).ToList();

    public static IReadOnlyList<string> ForToken(string token)
    {
        var keys = DeletionNeighbourhood.Of(token).Select(word => "d:" + word).ToList();
        var phonetic = PhoneticKey.Encode(token);
        if (phonetic.Length > 0)
        {
            keys.Add("p:" + phonetic);
        }
        return keys;
    }

    /// <summary>
    /// A date of birth as one number, yyyymmdd, with 00 for an unknown month or day and 0 when the
    /// date is unknown: 1984-03-07 is 19840307, March 1984 is 19840300, 1984 is 19840000.
    /// </summary>
    public static int Born(PartialDate? date) => Born(date?.Year, date?.Month, date?.Day);

    /// <summary>As <see cref="Born(PartialDate?)"/>, from the persons table's columns.</summary>
    public static int Born(int? year, int? month, int? day) =>
        year is { } y ? (y * 10000) + ((month ?? 0) * 100) + (day ?? 0) : 0;

    /// <summary>
    /// The stored values compatible with a date of birth: a range (the days it may be) and the coarser
    /// values recorded for people whose date is known less precisely, or not at all.
    /// </summary>
    public static (int From, int To, int[] Coarser) Compatible(PartialDate date) => date switch
    {
        { Month: null } => (Born(date) + 1, Born(date) + 1231, [Born(date), 0]),
        { Day: null } => (Born(date) + 1, Born(date) + 31, [Born(date), date.Year * 10000, 0]),
        _ => (Born(date), Born(date), [Born(date) - date.Day!.Value, date.Year * 10000, 0]),
    };
}
