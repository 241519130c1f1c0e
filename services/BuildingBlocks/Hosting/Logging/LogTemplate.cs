using System.Collections;
using System.Globalization;
using System.Text;

namespace Platform.BuildingBlocks.Hosting.Logging;

/// <summary>
/// Renders a message template (<c>"Error status code '{StatusCode}' with detail '{Detail}'"</c>)
/// from its values, putting a placeholder where a value is withheld.
/// </summary>
internal static class LogTemplate
{
    public static string Render(string template, Func<string, (bool Found, object? Value)> lookup)
    {
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length && text.Length < LogLimits.MessageLength; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                text.Append(c);
                continue;
            }
            var hole = template.AsSpan(i + 1, close - i - 1);
            var formatAt = hole.IndexOfAny(',', ':');
            var name = (formatAt < 0 ? hole : hole[..formatAt]).TrimStart('@').ToString();
            var format = formatAt >= 0 && hole[formatAt] == ':' ? hole[(formatAt + 1)..].ToString() : null;
            var (found, value) = lookup(name);
            text.Append(found ? Format(value, format) : LogLimits.Withheld);
            i = close;
        }
        return LogLimits.Cap(text.ToString(), LogLimits.MessageLength);
    }

    public static string Format(object? value, string? format = null) => value switch
    {
        null => "(null)",
        string s => s,
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Take(LogLimits.Values).Select(item => Format(item))),
        _ => value.ToString() ?? "",
    };
}
