namespace Platform.Registry.Domain.Names;

/// <summary>
/// A token's letters in sorted order ("smith" and "smtih" both give "himst").
/// </summary>
/// <remarks>
/// Swapped letters are the commonest keying slip and can change how a name
/// sounds (Smtih does not sound like Smith), so phonetic keys miss them. Equal
/// anagram keys are a cheap way to find such candidates; on their own they are
/// weak evidence, because real names can be anagrams of each other (Amy and May,
/// Leon and Noel), so compare the spellings as well before treating them as one.
/// </remarks>
public static class AnagramKey
{
    private const int StackLimit = 64;

    /// <summary>Sorted lower-case ASCII letters of the token; other characters are ignored.</summary>
    public static string Encode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);

        Span<char> letters = token.Length <= StackLimit ? stackalloc char[StackLimit] : new char[token.Length];
        var length = 0;
        foreach (var c in token)
        {
            if (char.IsAsciiLetter(c))
            {
                letters[length++] = char.ToLowerInvariant(c);
            }
        }

        letters = letters[..length];
        letters.Sort();
        return new string(letters);
    }
}
