namespace Platform.Registry.Domain.Names;

/// <summary>
/// A word and every word made from it by deleting one letter ("smith": smith, mith, sith, smth, smih,
/// smit). Two words within one edit of each other share a member: one insertion or deletion
/// (Thompson, Tompson), one substituted letter (Smith, Smoth: both give smth) or two adjacent letters
/// swapped (Smith, Smtih: both give smih). This is the symmetric-delete way of finding one-edit
/// neighbours by exact look-ups only.
/// </summary>
/// <remarks>
/// It catches the slips that change how a name sounds, which the phonetic key cannot (Thompson is
/// 0MPSN, Tompson TMPSN). Words of fewer than four letters give only themselves: deleting a letter of
/// Ann or Lee leaves two letters that half the register shares. A word is cut to
/// <see cref="MaxLetters"/> letters first, so a long made-up name cannot make hundreds of keys.
/// </remarks>
public static class DeletionNeighbourhood
{
    public const int MaxLetters = 20;

    private const int MinLettersToDelete = 4;

    /// <summary>The word (normalised, as from <see cref="NameNormaliser.Tokens"/>) and its one-letter deletions, without repeats.</summary>
    public static IReadOnlyList<string> Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > MaxLetters)
        {
            word = word[..MaxLetters];
        }
        var members = new List<string>(word.Length + 1) { word };
        if (word.Length < MinLettersToDelete)
        {
            return members;
        }
        for (var i = 0; i < word.Length; i++)
        {
            // Deleting either letter of a doubled pair gives the same word: keep it once.
            if (i > 0 && word[i] == word[i - 1])
            {
                continue;
            }
            members.Add(string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)));
        }
        return members;
    }
}
