namespace Platform.Registry.Domain;

public static class DatesOfBirth
{
    /// <summary>The API's date (zeros for unknown parts) as a partial date, or null when unknown or invalid.</summary>
    public static PartialDate? FromApi(V1.PartialDate? date) =>
        date is { Year: > 0 } && PartialDate.TryCreate(date.Year, NullIfZero(date.Month), NullIfZero(date.Day), out var parsed, out _)
            ? parsed
            : null;

    public static V1.PartialDate? ToApi(int? year, int? month, int? day) =>
        year is null ? null : new V1.PartialDate { Year = year.Value, Month = month ?? 0, Day = day ?? 0 };

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}
