namespace Platform.Registry.Bench;

/// <summary>One keying slip in a name token, of a chosen kind, anywhere in the word.</summary>
internal static class Typos
{
    public static readonly string[] Kinds = ["substitution", "insertion", "deletion", "transposition"];

    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The token with one edit of the kind, keeping its capital; null when the token is too short for it.</summary>
    public static string? Apply(string kind, string token, Random random)
    {
        if (token.Length < 3 || !token.All(char.IsAsciiLetter))
        {
            return null;
        }
        var lower = token.ToLowerInvariant();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var at = random.Next(lower.Length);
            var letter = Letters[random.Next(Letters.Length)];
            var typed = kind switch
            {
                "substitution" when lower[at] != letter => lower[..at] + letter + lower[(at + 1)..],
                "insertion" => lower[..at] + letter + lower[at..],
                "deletion" => lower[..at] + lower[(at + 1)..],
                "transposition" when at + 1 < lower.Length && lower[at] != lower[at + 1] =>
                    lower[..at] + lower[at + 1] + lower[at] + lower[(at + 2)..],
                _ => null,
            };
            if (typed is not null && typed != lower)
            {
                return char.ToUpperInvariant(typed[0]) + typed[1..];
            }
        }
        return null;
    }
}
