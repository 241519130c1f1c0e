using Platform.Housing.Domain;
using static Platform.Housing.Tests.Domain.Cases;

namespace Platform.Housing.Tests.Domain;

/// <summary>Local connection from address histories: 6 of the last 12 months, or 3 of the last 5 years.</summary>
public sealed class LocalConnectionTests
{
    private static readonly LocalConnectionOptions Defaults = new();

    private static IReadOnlySet<string> Areas(params Residence[] history) => LocalConnection.Areas(history, Now, Defaults);

    private static Residence Lived(string area, int fromMonthsAgo, int? untilMonthsAgo = null) =>
        new(area, Now.AddMonths(-fromMonthsAgo), untilMonthsAgo is { } until ? Now.AddMonths(-until) : null);

    [Fact]
    public void Local_connection_after_six_of_the_last_twelve_months()
    {
        Assert.Contains(Bristol, Areas(Lived(Bristol, 7)));
        Assert.DoesNotContain(Bristol, Areas(Lived(Bristol, 5)));
    }

    [Fact]
    public void Local_connection_after_three_of_the_last_five_years_even_having_moved_away()
    {
        var history = Areas(Lived(Bristol, 60, 18), Lived(Somerset, 18));

        Assert.Contains(Bristol, history);
        Assert.Contains(Somerset, history);
    }

    [Fact]
    public void No_local_connection_from_a_short_stay_long_ago()
    {
        var history = Areas(Lived(Bristol, 48, 36), Lived(Somerset, 36));

        Assert.DoesNotContain(Bristol, history);
        Assert.Contains(Somerset, history);
    }

    [Fact]
    public void Time_in_an_area_adds_up_over_separate_stays()
    {
        // Four months, away for two, back for three: seven of the last twelve.
        var history = Areas(Lived(Bristol, 12, 8), Lived(Somerset, 8, 6), Lived(Bristol, 6, 3), Lived(Somerset, 3));

        Assert.Contains(Bristol, history);
        Assert.DoesNotContain(Somerset, history);
    }

    [Fact]
    public void A_gap_between_addresses_counts_for_no_area()
    {
        // Five months in Bristol, then nothing recorded (a confidential address is never in the history) for the rest of the year.
        Assert.DoesNotContain(Bristol, Areas(Lived(Bristol, 12, 7)));
        Assert.Empty(LocalConnection.TimeIn([Lived(Bristol, 12, 7)], Now.AddMonths(-7), Now));
    }

    [Fact]
    public void One_stay_recorded_on_two_linked_records_is_counted_once()
    {
        Assert.DoesNotContain(Bristol, Areas(Lived(Bristol, 4), Lived(Bristol, 5)));
        Assert.Equal(Now - Now.AddMonths(-5), LocalConnection.TimeIn([Lived(Bristol, 4), Lived(Bristol, 5)], Now.AddMonths(-12), Now)[Bristol]);
    }

    [Fact]
    public void The_order_of_the_history_does_not_change_the_answer()
    {
        var periods = new[] { Lived(Somerset, 2), Lived(Bristol, 10, 2) };

        Assert.Equal(Areas(periods).Order(), Areas(periods.Reverse().ToArray()).Order());
        Assert.Contains(Bristol, Areas(periods));
    }

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var strict = new LocalConnectionOptions { RecentRequiredMonths = 9, LongRequiredYears = 5 };

        Assert.Empty(LocalConnection.Areas([Lived(Bristol, 8)], Now, strict));
    }
}
