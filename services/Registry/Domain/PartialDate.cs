using System.Globalization;

namespace Platform.Registry.Domain;

/// <summary>
/// A date of birth that may be known exactly (1984-03-07) or only approximately
/// (1984, or 1984-03). An unknown date of birth is a null <c>PartialDate?</c>
/// rather than a sentinel value, so it can never be mistaken for a real year.
/// </summary>
/// <remarks>
/// Agencies often record only what a child or an adult at risk can tell them, so
/// an approximate date is better stored as approximate than rounded to 1 January,
/// which would later look like exact, and conflicting, evidence.
/// Build values through <see cref="TryCreate"/> or <see cref="TryParse"/>: the
/// positional constructor does not validate, and the date members throw for an
/// invalid value rather than guess.
/// </remarks>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    public const int MinYear = 1900;
    public const int MaxYear = 9999;

    public DatePrecision Precision =>
        Day.HasValue ? DatePrecision.Day
        : Month.HasValue ? DatePrecision.YearMonth
        : DatePrecision.Year;

    /// <summary>The first day this value could denote.</summary>
    public DateOnly EarliestDate
    {
        get
        {
            EnsureValid();
            return new DateOnly(Year, Month ?? 1, Day ?? 1);
        }
    }

    /// <summary>The last day this value could denote.</summary>
    public DateOnly LatestDate
    {
        get
        {
            EnsureValid();
            var month = Month ?? 12;
            return new DateOnly(Year, month, Day ?? DateTime.DaysInMonth(Year, month));
        }
    }

    public static bool TryCreate(int year, int? month, int? day, out PartialDate date, out string? error)
    {
        error = Check(year, month, day);
        date = error is null ? new PartialDate(year, month, day) : default;
        return error is null;
    }

    /// <summary>
    /// True only when every date this value could denote is after <paramref name="today"/>:
    /// "born in 2025" is not in the future on 2025-01-01, because it may mean today.
    /// </summary>
    public bool IsAfter(DateOnly today) => EarliestDate > today;

    /// <summary>
    /// True when both values agree on every part they both know, e.g. 1984 and
    /// 1984-03-07, but not 1984-04 and 1984-03-07.
    /// </summary>
    public bool IsCompatibleWith(PartialDate other) =>
        Year == other.Year
        && (Month is null || other.Month is null || Month == other.Month)
        && (Day is null || other.Day is null || Day == other.Day);

    /// <summary>"1984", "1984-03" or "1984-03-07", matching the known precision.</summary>
    public string ToIsoString()
    {
        EnsureValid();
        return Precision switch
        {
            DatePrecision.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
            DatePrecision.YearMonth => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month.GetValueOrDefault():D2}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month.GetValueOrDefault():D2}-{Day.GetValueOrDefault():D2}"),
        };
    }

    /// <summary>
    /// Parses exactly the forms <see cref="ToIsoString"/> writes. Anything looser
    /// (single-digit months, surrounding spaces, other separators) is rejected so a
    /// stored value always round-trips.
    /// </summary>
    public static bool TryParse(string? s, out PartialDate date)
    {
        date = default;
        if (s is null || s.Length is not (4 or 7 or 10))
        {
            return false;
        }

        if (!TryReadDigits(s.AsSpan(0, 4), out var year))
        {
            return false;
        }

        int? month = null;
        int? day = null;
        if (s.Length >= 7)
        {
            if (s[4] != '-' || !TryReadDigits(s.AsSpan(5, 2), out var m))
            {
                return false;
            }

            month = m;
        }

        if (s.Length == 10)
        {
            if (s[7] != '-' || !TryReadDigits(s.AsSpan(8, 2), out var d))
            {
                return false;
            }

            day = d;
        }

        return TryCreate(year, month, day, out date, out _);
    }

    private static string? Check(int year, int? month, int? day)
    {
        if (year is < MinYear or > MaxYear)
        {
            return $"Year must be between {MinYear} and {MaxYear}.";
        }

        if (day.HasValue && !month.HasValue)
        {
            return "A day needs a month.";
        }

        if (month is < 1 or > 12)
        {
            return "Month must be between 1 and 12.";
        }

        if (day.HasValue && (day.Value < 1 || day.Value > DateTime.DaysInMonth(year, month!.Value)))
        {
            return "Day is not in that month.";
        }

        return null;
    }

    private void EnsureValid()
    {
        if (Check(Year, Month, Day) is { } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    // int.Parse would also accept signs and surrounding whitespace.
    private static bool TryReadDigits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
