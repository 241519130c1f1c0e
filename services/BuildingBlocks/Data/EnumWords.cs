using System.Collections.Frozen;
using System.Text;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// An API enum value as the word it is stored with, and back: <c>Channel.OutreachVisit</c> is
/// "outreach-visit". The words are derived from the enum names, so adding a value needs no table.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "One table per enum type: EnumWords<Channel>.Word(value) reads as it is used.")]
public static class EnumWords<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Words = Enum.GetValues<TEnum>()
        .Where(value => Convert.ToInt32(value, null) != 0)
        .ToFrozenDictionary(value => value, value => Kebab(value.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Words.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string Word(TEnum value) => Words[value];

    public static TEnum Value(string word) => Values.TryGetValue(word, out var value) ? value : default;

    private static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
