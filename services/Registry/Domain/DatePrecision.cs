namespace Platform.Registry.Domain;

/// <summary>How much of a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision
{
    Year,
    YearMonth,
    Day,
}
