using System.Buffers;
using System.Globalization;

namespace Platform.Registry.Domain.Names;

/// <summary>
/// Reduces a name to lower-case a–z words separated by single spaces, so that
/// records typed by different agencies compare equal when only accents, case,
/// punctuation or spacing differ: "Zoë O'Brien-Smith" becomes "zoe obrien smith".
/// </summary>
/// <remarks>
/// Apostrophes join (O'Brien and OBrien are the same surname) while hyphens and
/// every other non-letter separate (Smith-Jones is often recorded as Smith Jones).
/// <para>
/// Accents are removed the way a canonical (FormD) decomposition followed by
/// dropping non-spacing marks would, but from a table rather than
/// <see cref="string.Normalize(System.Text.NormalizationForm)"/>: the services run
/// with invariant globalization, where Normalize leaves non-ASCII text unchanged,
/// and the result is stored as a match key, so it must not depend on whether ICU
/// is present. Combining marks that arrive already decomposed are dropped by
/// category. Letters with no a–z base (Cyrillic, Arabic and so on) are treated as
/// separators, so a name written only in those scripts normalises to an empty
/// string and has to be matched on other evidence or a transliterated alias.
/// </para>
/// </remarks>
public static class NameNormaliser
{
    // Lower-case base letter for each code point from U+00C0 to U+024F and from
    // U+1E00 to U+1EFF, derived from the Unicode canonical decompositions (plus
    // letters with strokes, such as ø and ł, which have none); a space means
    // "not a letter with an a–z base". Welsh ŵ, ẁ, ŷ and ỳ, Romanian ș and ț and
    // Vietnamese letters are all inside these two blocks.
    private const string LatinTable =
        "aaaaaa ceeeeiiiidnooooo ouuuuy  " + // U+00C0
        "aaaaaa ceeeeiiiidnooooo ouuuuy y" + // U+00E0
        "aaaaaaccccccccddddeeeeeeeeeegggg" + // U+0100
        "gggghhhhiiiiiiiiii  jjkkklllllll" + // U+0120
        "lllnnnnnnn  oooooo  rrrrrrssssss" + // U+0140
        "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs" + // U+0160
        "b                ff    i  l     " + // U+0180
        "oo             uu    zz         " + // U+01A0
        "             aaiioouuuuuuuuuu aa" + // U+01C0
        "aa  ggggkkoooo  j   gg  nnaa    " + // U+01E0
        "aaaaeeeeiiiioooorrrruuuusstt  hh" + // U+0200
        "      aaeeooooooooyy       cc   " + // U+0220
        "      eejj  rryy";                  // U+0240

    private const string LatinExtendedAdditionalTable =
        "aabbbbbbccddddddddddeeeeeeeeeeff" + // U+1E00
        "gghhhhhhhhhhiiiikkkkkkllllllllmm" + // U+1E20
        "mmmmnnnnnnnnoooooooopppprrrrrrrr" + // U+1E40
        "ssssssssssttttttttuuuuuuuuuuvvvv" + // U+1E60
        "wwwwwwwwwwxxxxyyzzzzzzhtwy      " + // U+1E80
        "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" + // U+1EA0
        "eeeeeeeeiiiioooooooooooooooooooo" + // U+1EC0
        "oooouuuuuuuuuuuuuuyyyyyyyy      ";  // U+1EE0

    private const int StackLimit = 256;

    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Two output characters per input at most (ß -> ss), plus separators.
        var capacity = name.Length * 2;
        char[]? rented = null;
        var buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            Span<char> letters = stackalloc char[2];
            var written = 0;
            var pendingSeparator = false;
            foreach (var c in name)
            {
                if (IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                var count = Fold(c, letters);
                if (count == 0)
                {
                    pendingSeparator = written > 0;
                    continue;
                }

                if (pendingSeparator)
                {
                    buffer[written++] = ' ';
                    pendingSeparator = false;
                }

                letters[..count].CopyTo(buffer[written..]);
                written += count;
            }

            return new string(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    public static IReadOnlyList<string> Tokens(string name) =>
        Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsApostrophe(char c) =>
        c is '\'' or '`' or '\u00B4' or '\u02BC' or '\u2018' or '\u2019' or '\u2032';

    // Writes the a-z spelling of one character and returns its length; 0 means
    // the character is not a letter with an a-z base and acts as a separator.
    private static int Fold(char c, Span<char> destination)
    {
        var letter = c switch
        {
            _ when char.IsAsciiLetter(c) => char.ToLowerInvariant(c),
            >= '\u00C0' and <= '\u024F' => LatinTable[c - 0x00C0],
            >= '\u1E00' and <= '\u1EFF' => LatinExtendedAdditionalTable[c - 0x1E00],
            _ => ' ',
        };

        if (letter != ' ')
        {
            destination[0] = letter;
            return 1;
        }

        // Ligatures and letters that older spellings write as two.
        var pair = c switch
        {
            'ß' => "ss",
            'æ' or 'Æ' => "ae",
            'œ' or 'Œ' => "oe",
            'þ' or 'Þ' => "th",
            'ĳ' or 'Ĳ' => "ij",
            _ => null,
        };

        if (pair is null)
        {
            return 0;
        }

        pair.CopyTo(destination);
        return pair.Length;
    }
}
