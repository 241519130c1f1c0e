using Platform.Registry.Domain;
using Xunit;

namespace Platform.Registry.Tests.Domain;

public class PartialDateTests
{
    private static PartialDate Create(int year, int? month = null, int? day = null)
    {
        Assert.True(PartialDate.TryCreate(year, month, day, out var date, out var error), error);
        return date;
    }

    [Fact]
    public void Full_date_has_day_precision_and_denotes_one_day()
    {
        var date = Create(1984, 3, 7);

        Assert.Equal(DatePrecision.Day, date.Precision);
        Assert.Equal(new DateOnly(1984, 3, 7), date.EarliestDate);
        Assert.Equal(new DateOnly(1984, 3, 7), date.LatestDate);
    }

    [Fact]
    public void Year_only_date_spans_the_whole_year()
    {
        var date = Create(1984);

        Assert.Equal(DatePrecision.Year, date.Precision);
        Assert.Equal(new DateOnly(1984, 1, 1), date.EarliestDate);
        Assert.Equal(new DateOnly(1984, 12, 31), date.LatestDate);
    }

    [Theory]
    [InlineData(2024, 2, 29)]
    [InlineData(2023, 2, 28)]
    [InlineData(1984, 4, 30)]
    public void Year_and_month_date_ends_on_the_last_day_of_that_month(int year, int month, int lastDay)
    {
        var date = Create(year, month);

        Assert.Equal(DatePrecision.YearMonth, date.Precision);
        Assert.Equal(new DateOnly(year, month, 1), date.EarliestDate);
        Assert.Equal(new DateOnly(year, month, lastDay), date.LatestDate);
    }

    [Fact]
    public void Day_without_month_is_rejected_with_a_reason()
    {
        Assert.False(PartialDate.TryCreate(1984, null, 7, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData(2023, 2, 29)]
    [InlineData(1984, 4, 31)]
    [InlineData(1984, 13, null)]
    [InlineData(1984, 0, null)]
    [InlineData(1984, 1, 0)]
    public void Date_that_is_not_on_the_calendar_is_rejected(int year, int? month, int? day) =>
        Assert.False(PartialDate.TryCreate(year, month, day, out _, out _));

    [Theory]
    [InlineData(1899)]
    [InlineData(10000)]
    [InlineData(0)]
    public void Year_outside_1900_to_9999_is_rejected(int year) =>
        Assert.False(PartialDate.TryCreate(year, null, null, out _, out _));

    [Fact]
    public void Date_members_of_an_unvalidated_value_throw_rather_than_guess()
    {
        var invalid = new PartialDate(1984, null, 7);

        Assert.Throws<InvalidOperationException>(() => invalid.EarliestDate);
        Assert.Throws<InvalidOperationException>(() => invalid.ToIsoString());
        Assert.Throws<InvalidOperationException>(() => default(PartialDate).LatestDate);
    }

    [Fact]
    public void Year_of_birth_is_after_today_only_while_the_whole_year_is_still_to_come()
    {
        var date = Create(2025);

        Assert.False(date.IsAfter(new DateOnly(2025, 1, 1)));
        Assert.True(date.IsAfter(new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public void Full_date_is_after_today_only_when_later_than_today()
    {
        var date = Create(2025, 6, 15);

        Assert.False(date.IsAfter(new DateOnly(2025, 6, 15)));
        Assert.True(date.IsAfter(new DateOnly(2025, 6, 14)));
    }

    [Fact]
    public void Year_only_date_is_compatible_with_any_date_in_that_year()
    {
        Assert.True(Create(1984).IsCompatibleWith(Create(1984, 3, 7)));
        Assert.True(Create(1984, 3, 7).IsCompatibleWith(Create(1984)));
        Assert.True(Create(1984).IsCompatibleWith(Create(1984, 11)));
    }

    [Fact]
    public void Year_and_month_date_is_compatible_only_within_that_month()
    {
        Assert.True(Create(1984, 3).IsCompatibleWith(Create(1984, 3, 7)));
        Assert.False(Create(1984, 4).IsCompatibleWith(Create(1984, 3, 7)));
    }

    [Fact]
    public void Dates_disagreeing_at_their_shared_precision_are_incompatible()
    {
        Assert.False(Create(1985).IsCompatibleWith(Create(1984, 3, 7)));
        Assert.False(Create(1984, 3, 8).IsCompatibleWith(Create(1984, 3, 7)));
        Assert.True(Create(1984, 3, 7).IsCompatibleWith(Create(1984, 3, 7)));
    }

    [Theory]
    [InlineData(1984, null, null, "1984")]
    [InlineData(1984, 3, null, "1984-03")]
    [InlineData(1984, 3, 7, "1984-03-07")]
    public void Iso_string_shows_only_the_known_precision(int year, int? month, int? day, string expected) =>
        Assert.Equal(expected, Create(year, month, day).ToIsoString());

    [Theory]
    [InlineData("1984")]
    [InlineData("1984-03")]
    [InlineData("1984-03-07")]
    [InlineData("2024-02-29")]
    public void Iso_string_round_trips_through_parse(string text)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(text, date.ToIsoString());
    }

    [Fact]
    public void Parse_reads_each_part_into_the_value()
    {
        Assert.True(PartialDate.TryParse("1984-03", out var date));

        Assert.Equal(new PartialDate(1984, 3, null), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("84")]
    [InlineData("1984-3")]
    [InlineData("1984-03-7")]
    [InlineData("1984/03/07")]
    [InlineData(" 1984")]
    [InlineData("1984-02-30")]
    [InlineData("1899")]
    [InlineData("+984")]
    [InlineData("1984-13")]
    [InlineData("07-03-1984")]
    public void Parse_rejects_anything_but_the_iso_forms_of_a_real_date(string? text) =>
        Assert.False(PartialDate.TryParse(text, out _));
}
