using System.Text;

namespace Platform.Registry.Domain.Duplicates;

/// <summary>
/// An address as evidence that two records are one person: the postcode and the first line, each
/// reduced to lower-case letters and digits ("Flat 2, 14 Mill Lane" and "flat 2 14 mill lane" agree).
/// </summary>
/// <remarks>
/// Both are needed: a first line alone repeats across towns, and a postcode alone covers a street.
/// An address without either is no evidence.
/// </remarks>
public sealed record AddressKey(string Postcode, string FirstLine)
{
    public static AddressKey? Of(IReadOnlyList<string> lines, string? postcode)
    {
        var code = Reduce(postcode ?? "", spaces: false);
        var first = lines.Select(line => Reduce(line, spaces: true)).FirstOrDefault(line => line.Length > 0) ?? "";
        return code.Length == 0 || first.Length == 0 ? null : new AddressKey(code, first);
    }

    private static string Reduce(string text, bool spaces)
    {
        var reduced = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                reduced.Append(char.ToLowerInvariant(c));
            }
            else if (spaces && reduced.Length > 0 && reduced[^1] != ' ')
            {
                reduced.Append(' ');
            }
        }
        return reduced.ToString().TrimEnd();
    }
}
