using Platform.Engagement.Domain;

namespace Platform.Engagement.Tests.Domain;

public sealed class ContactsPerMonthTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_month_of_the_last_twelve_is_present_oldest_first()
    {
        var months = ContactsPerMonth.Count([], Now);

        Assert.Equal(12, months.Count);
        Assert.Equal((2025, 4), (months[0].Year, months[0].Month));
        Assert.Equal((2026, 3), (months[^1].Year, months[^1].Month));
        Assert.All(months, m => Assert.Equal(0, m.Made + m.Attempted + m.Declined));
    }

    [Fact]
    public void Counts_made_seen_alone_attempted_and_declined_by_the_month_in_utc_and_leaves_out_older_ones()
    {
        var months = ContactsPerMonth.Count(
        [
            new ContactFact(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(1)), ContactOutcome.Made, SeenAlone: true), // 28 Feb in UTC
            new ContactFact(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), ContactOutcome.Made, SeenAlone: false),
            new ContactFact(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), ContactOutcome.Attempted, SeenAlone: false),
            new ContactFact(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), ContactOutcome.Declined, SeenAlone: false),
            new ContactFact(new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.Zero), ContactOutcome.Made, SeenAlone: true),
        ], Now);

        Assert.Equal(new MonthOfContacts(2026, 2, 1, 1, 0, 0), months[^2]);
        Assert.Equal(new MonthOfContacts(2026, 3, 1, 0, 1, 1), months[^1]);
        Assert.Equal(4, months.Sum(m => m.Made + m.Attempted + m.Declined));
    }
}
