namespace Platform.BuildingBlocks.Validation;

/// <summary>
/// ONS Government Statistical Service (GSS) area codes, e.g. <c>E06000025</c>.
/// The first letter is the nation (England, Wales, Scotland, Northern Ireland,
/// or K for cross-nation areas), followed by a two-digit entity code and a
/// six-digit instance number.
/// </summary>
/// <remarks>
/// <see cref="IsValid"/> accepts only the canonical form because codes are used
/// as keys for joins and access scoping; a lenient comparison at one boundary and
/// a strict one at another would let the same area appear as two. Callers that
/// take codes from people should pass them through <see cref="Normalise"/> first.
/// </remarks>
public static class GssCode
{
    public const int Length = 9;

    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code)
    {
        if (code is null || code.Length != Length)
        {
            return false;
        }

        if (code[0] is not ('E' or 'W' or 'S' or 'N' or 'K'))
        {
            return false;
        }

        for (var i = 1; i < Length; i++)
        {
            // char.IsDigit would let through other scripts' digits such as Arabic-Indic.
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Trims and upper-cases a code; returns null for null or blank input.
    /// The result still needs <see cref="IsValid"/>: normalising does not validate.
    /// </summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        return code.Trim().ToUpperInvariant();
    }
}
