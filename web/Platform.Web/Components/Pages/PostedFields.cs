using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages;

/// <summary>
/// What one form posted (a page may hold several, told apart by <see cref="Name"/>): the one place the
/// forms read posted text, trim it and turn it into dates, numbers and choices, so they all accept the
/// same things; read back into the inputs when the platform refuses it, so nothing typed is lost.
/// </summary>
public sealed class PostedFields(string name, IFormCollection? values)
{
    public static readonly PostedFields None = new("", null);

    public string Name { get; } = name;

    /// <summary>The field trimmed; empty when it was not posted.</summary>
    public string this[string field] => Text(Raw(field));

    /// <summary>The field exactly as posted: text kept as typed line for line, and values the page itself wrote.</summary>
    public string Raw(string field) => Name.Length == 0 ? "" : values?[field].ToString() ?? "";

    /// <summary>Every value posted under the field (ticked boxes, say), blanks left out.</summary>
    public IReadOnlyList<string> All(string field) =>
        values?[field].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList() ?? [];

    public IReadOnlySet<string> Choices(string field) => All(field).ToHashSet();

    public bool Is(string field, string value) => string.Equals(this[field], value, StringComparison.Ordinal);

    /// <summary>The value chosen, or the enum's unspecified value when none (or one not known) was.</summary>
    public TEnum Enum<TEnum>(string field)
        where TEnum : struct, System.Enum => System.Enum.TryParse<TEnum>(this[field], out var value) ? value : default;

    /// <summary>The values ticked, those not known (or unspecified) left out.</summary>
    public IReadOnlySet<TEnum> Enums<TEnum>(string field)
        where TEnum : struct, System.Enum =>
        All(field).Select(v => System.Enum.TryParse<TEnum>(v.Trim(), out var value) ? value : default)
            .Where(v => !EqualityComparer<TEnum>.Default.Equals(v, default)).ToHashSet();

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
        if (!TryDay(typed, out var day))
        {
            problems.Add(new FieldProblem(platformField, "must be a real date, such as 27/03/2026"));
            return null;
        }
        return Timestamp.FromDateTime(Dates.ToUtc(day.ToDateTime(new TimeOnly(9, 0))));
    }

    /// <summary>Lines typed one to a line, blanks left out.</summary>
    public IReadOnlyList<string> Lines(string field) =>
        this[field].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Text as the platform takes it: trimmed, and empty rather than missing.</summary>
    public static string Text(string? typed) => (typed ?? "").Trim();

    /// <summary>A date input's value (yyyy-mm-dd), and nothing looser.</summary>
    public static bool TryDay(string typed, out DateOnly day) =>
        DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Digits only (no sign, no separators); a blank is zero, as a part left empty means "not known".</summary>
    public static bool WholeNumber(string? typed, out int value)
    {
        value = 0;
        return string.IsNullOrWhiteSpace(typed) || int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
