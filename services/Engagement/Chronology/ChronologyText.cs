using System.Text.RegularExpressions;

namespace Platform.Engagement.Chronology;

/// <summary>
/// The words of chronology entries. Whether a caller may see a person is decided when the entry is
/// read, not when it is written, so an entry names a person by a marker (<see cref="Person"/>) that
/// <see cref="ChronologyNames"/> replaces with her usual name for a caller who may see her and with
/// "a person you may not see" for anyone else. Units, schemes and areas are not personal: they are
/// written by name.
/// </summary>
public static partial class ChronologyText
{
    public const string Hidden = "a person you may not see";

    public static string Person(string personId) => $"{{person:{personId}}}";

    /// <summary>"Flat 2 at Rosewood House", or the unit's id when the event carried no names (an older event).</summary>
    public static string Place(string unitId, string? unitName, string? schemeName) => (unitName, schemeName) switch
    {
        ({ Length: > 0 } unit, { Length: > 0 } scheme) => $"{unit} at {scheme}",
        ({ Length: > 0 } unit, _) => unit,
        _ => $"housing unit {unitId}",
    };

    /// <summary>A code word as words: "planned-move-on" → "planned move on".</summary>
    public static string Words(string code) => code.Replace('-', ' ').Replace('_', ' ');

    public static IEnumerable<string> PeopleIn(string? text) =>
        text is null ? [] : PersonMarker().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The text with each person marker replaced by <paramref name="name"/>; a sentence that starts with one is capitalised.</summary>
    public static string? Render(string? text, Func<string, string> name)
    {
        if (text is null || !text.Contains("{person:", StringComparison.Ordinal))
        {
            return text;
        }
        var rendered = PersonMarker().Replace(text, m => name(m.Groups[1].Value));
        return text.StartsWith("{person:", StringComparison.Ordinal) && rendered.Length > 0
            ? char.ToUpperInvariant(rendered[0]) + rendered[1..]
            : rendered;
    }

    [GeneratedRegex(@"\{person:([A-Za-z0-9-]{1,64})\}", RegexOptions.CultureInvariant)]
    private static partial Regex PersonMarker();
}
