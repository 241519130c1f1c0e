using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>
/// What was posted by the one form of a page that holds several: read back into its inputs when the
/// platform refuses it (so nothing typed is lost), and the few conversions the forms share.
/// </summary>
public sealed class PostedForm(string name, IFormCollection? values)
{
    public static readonly PostedForm None = new("", null);

    public string Name { get; } = name;

    public string this[string field] => Name.Length == 0 ? "" : values?[field].ToString().Trim() ?? "";

    public IReadOnlyList<string> All(string field) =>
        values?[field].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList() ?? [];

    public bool Is(string field, string value) => string.Equals(this[field], value, StringComparison.Ordinal);

    public TEnum Enum<TEnum>(string field)
        where TEnum : struct, System.Enum => System.Enum.TryParse<TEnum>(this[field], out var value) ? value : default;

    /// <summary>A date typed as yyyy-mm-dd (the date input's value), as nine in the morning UK time that day.</summary>
    public Timestamp? Day(string field, string platformField, List<FieldProblem> problems, bool required)
    {
        var typed = this[field];
        if (typed.Length == 0)
        {
            if (required)
            {
                problems.Add(new FieldProblem(platformField, "must be given"));
            }
            return null;
        }
        if (!DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add(new FieldProblem(platformField, "must be a real date, such as 27/03/2026"));
            return null;
        }
        return Timestamp.FromDateTime(Dates.ToUtc(day.ToDateTime(new TimeOnly(9, 0))));
    }

    /// <summary>Lines typed one to a line, blanks left out.</summary>
    public IReadOnlyList<string> Lines(string field) =>
        this[field].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
