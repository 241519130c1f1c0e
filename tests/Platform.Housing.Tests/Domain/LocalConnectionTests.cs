using Platform.Housing.Domain;
using static Platform.Housing.Tests.Domain.Cases;

namespace Platform.Housing.Tests.Domain;

/// <summary>Local connection from address histories: 6 of the last 12 months, or 3 of the last 5 years.</summary>
public sealed class LocalConnectionTests
{
    private static readonly LocalConnectionOptions Defaults = new();

    private static IReadOnlySet<string> Areas(params AddressPoint[] history) => LocalConnection.Areas(history, Now, Defaults);

    [Fact]
    public void Local_connection_after_six_of_the_last_twelve_months()
    {
        Assert.Contains(Bristol, Areas(new AddressPoint(Bristol, Now.AddMonths(-7))));
        Assert.DoesNotContain(Bristol, Areas(new AddressPoint(Bristol, Now.AddMonths(-5))));
    }

    [Fact]
    public void Local_connection_after_three_of_the_last_five_years_even_having_moved_away()
    {
        var history = Areas(
            new AddressPoint(Bristol, Now.AddYears(-5)),
            new AddressPoint(Somerset, Now.AddMonths(-18)));

        Assert.Contains(Bristol, history);
        Assert.Contains(Somerset, history);
    }

    [Fact]
    public void No_local_connection_from_a_short_stay_long_ago()
    {
        var history = Areas(
            new AddressPoint(Bristol, Now.AddYears(-4)),
            new AddressPoint(Somerset, Now.AddYears(-3)));

        Assert.DoesNotContain(Bristol, history);
        Assert.Contains(Somerset, history);
    }

    [Fact]
    public void Time_in_an_area_adds_up_over_separate_stays()
    {
        // Four months, away for two, back for three: seven of the last twelve.
        var history = Areas(
            new AddressPoint(Bristol, Now.AddMonths(-12)),
            new AddressPoint(Somerset, Now.AddMonths(-8)),
            new AddressPoint(Bristol, Now.AddMonths(-6)),
            new AddressPoint(Somerset, Now.AddMonths(-3)));

        Assert.Contains(Bristol, history);
        Assert.DoesNotContain(Somerset, history);
    }

    [Fact]
    public void The_order_events_arrive_in_does_not_change_the_answer()
    {
        var points = new[] { new AddressPoint(Somerset, Now.AddMonths(-2)), new AddressPoint(Bristol, Now.AddMonths(-10)) };

        Assert.Equal(Areas(points).Order(), Areas(points.Reverse().ToArray()).Order());
        Assert.Contains(Bristol, Areas(points));
    }

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var strict = new LocalConnectionOptions { RecentRequiredMonths = 9, LongRequiredYears = 5 };

        Assert.Empty(LocalConnection.Areas([new AddressPoint(Bristol, Now.AddMonths(-8))], Now, strict));
    }
}
