namespace Platform.Registry.Domain.Names;

/// <summary>
/// Original Metaphone (Lawrence Philips, 1990) over one name token, truncated to
/// six characters, with '0' standing for "th". Names that sound alike share a key,
/// so Smith/Smyth, Catherine/Kathryn (K0RN), Stephen/Steven, Philips/Phillips and
/// Jon/John are found together even though their spellings differ.
/// </summary>
/// <remarks>
/// Metaphone keeps "th" and "t" apart and gives "sh" its own sound, so some
/// spellings that people treat as the same name do not collide: Thompson (0MPSN)
/// and Tomson (TMSN), Sean (SN) and Shaun (XN), Nicholas (NXLS) and Nicolas
/// (NKLS), and names that differ in their first vowel such as Aileen and Eileen.
/// Those pairs have to be caught by string similarity instead.
/// <para>
/// Where Philips' rules are ambiguous this follows the reading most published
/// implementations use: an H after C, S, P, T or G belongs to that digraph and is
/// silent; a final GH is silent (Leigh sounds like Lee, Hugh like Hew); and an
/// initial CH before a consonant is K, as in Christopher and Chloe. One deliberate
/// departure: an initial W is always sounded, where the original drops any W not
/// followed by a vowel and so reduces Whyte to T.
/// Characters other than ASCII letters are ignored, so pass tokens from
/// <see cref="NameNormaliser.Tokens"/>.
/// </para>
/// </remarks>
public static class PhoneticKey
{
    public const int MaxLength = 6;

    private const int StackLimit = 64;

    public static string Encode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);

        Span<char> word = token.Length <= StackLimit ? stackalloc char[StackLimit] : new char[token.Length];
        Span<bool> doubled = token.Length <= StackLimit ? stackalloc bool[StackLimit] : new bool[token.Length];
        var length = Prepare(token, word, doubled);
        word = word[..length];

        if (length <= 1)
        {
            return new string(word);
        }

        // Initial letters that are written but not sounded: KNight, GNome,
        // PNeumonia, AEron, WRight. An initial X is sounded S; WH is W.
        var start = 0;
        if (word[..2] is "KN" or "GN" or "PN" or "AE" or "WR")
        {
            start = 1;
        }
        else if (word[0] == 'X')
        {
            word[0] = 'S';
        }
        else if (word[..2] is "WH")
        {
            word[1] = 'W';
            start = 1;
        }

        Span<char> key = stackalloc char[MaxLength + 1];
        var written = 0;
        for (var i = start; i < length && written < MaxLength; i++)
        {
            var c = word[i];
            var previous = i > start ? word[i - 1] : '\0';
            var next = At(word, i + 1);
            var afterNext = At(word, i + 2);

            switch (c)
            {
                case 'A' or 'E' or 'I' or 'O' or 'U':
                    if (i == start)
                    {
                        key[written++] = c;
                    }

                    break;
                case 'B':
                    // Silent in a final MB, as in Plumb.
                    if (!(previous == 'M' && i == length - 1))
                    {
                        key[written++] = 'B';
                    }

                    break;
                case 'C':
                    // SCE, SCI, SCY: the S already carries the sound (Science).
                    if (previous == 'S' && IsFrontVowel(next))
                    {
                        break;
                    }

                    key[written++] = (next, afterNext) switch
                    {
                        ('I', 'A') => 'X',
                        _ when IsFrontVowel(next) => 'S',
                        ('H', _) when previous == 'S' => 'K',
                        ('H', _) when i == start && afterNext != '\0' && !IsVowel(afterNext) => 'K',
                        ('H', _) => 'X',
                        _ => 'K',
                    };
                    break;
                case 'D':
                    if (next == 'G' && IsFrontVowel(afterNext))
                    {
                        // DGE, DGI, DGY: the G belongs to the J sound (Hodge).
                        key[written++] = 'J';
                        i++;
                    }
                    else
                    {
                        key[written++] = 'T';
                    }

                    break;
                case 'G':
                    // Silent in GH before a consonant or at the end (Knight, Leigh),
                    // and in a final GN or GNED (Sign, Signed).
                    if (next == 'H' && !IsVowel(afterNext))
                    {
                        break;
                    }

                    if (next == 'N' && (i + 2 == length || (word[(i + 2)..] is "ED")))
                    {
                        break;
                    }

                    key[written++] = IsFrontVowel(next) && !doubled[i] ? 'J' : 'K';
                    break;
                case 'H':
                    if (previous is 'C' or 'S' or 'P' or 'T' or 'G' || (IsVowel(previous) && !IsVowel(next)))
                    {
                        break;
                    }

                    key[written++] = 'H';
                    break;
                case 'K':
                    // CK was already sounded by the C.
                    if (previous != 'C')
                    {
                        key[written++] = 'K';
                    }

                    break;
                case 'Q' or 'V' or 'Z':
                    key[written++] = c switch { 'Q' => 'K', 'V' => 'F', _ => 'S' };
                    break;
                case 'P':
                    key[written++] = next == 'H' ? 'F' : 'P';
                    break;
                case 'S':
                    key[written++] = (next, afterNext) switch
                    {
                        ('H', _) or ('I', 'O' or 'A') => 'X',
                        _ => 'S',
                    };
                    break;
                case 'T':
                    if (next == 'C' && afterNext == 'H')
                    {
                        break;
                    }

                    key[written++] = (next, afterNext) switch
                    {
                        ('I', 'O' or 'A') => 'X',
                        ('H', _) => '0',
                        _ => 'T',
                    };
                    break;
                case 'W' or 'Y':
                    // An initial W is kept even before Y: Whyte and Wyn start with
                    // the same sound as White and Winn, not with nothing.
                    if (IsVowel(next) || (c == 'W' && i == start))
                    {
                        key[written++] = c;
                    }

                    break;
                case 'X':
                    key[written++] = 'K';
                    key[written++] = 'S';
                    break;
                default:
                    // F, J, L, M, N and R sound as written.
                    key[written++] = c;
                    break;
            }
        }

        return new string(key[..Math.Min(written, MaxLength)]);
    }

    // Upper-cases ASCII letters, drops everything else, and collapses doubled
    // letters except C (aCCident sounds both). Metaphone only ever sounds a doubled
    // G hard (as in Maggie), so that is remembered before the second G goes.
    private static int Prepare(string token, Span<char> word, Span<bool> doubled)
    {
        var length = 0;
        foreach (var raw in token)
        {
            if (!char.IsAsciiLetter(raw))
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            if (length > 0 && c != 'C' && word[length - 1] == c)
            {
                doubled[length - 1] = true;
                continue;
            }

            doubled[length] = false;
            word[length++] = c;
        }

        return length;
    }

    private static char At(ReadOnlySpan<char> word, int index) => index < word.Length ? word[index] : '\0';

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';

    private static bool IsFrontVowel(char c) => c is 'E' or 'I' or 'Y';
}
