using Platform.Engagement.Domain;

namespace Platform.Engagement.Tests.Domain;

public sealed class EngagementFactsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nobody_is_tracked_before_their_first_contact()
    {
        Assert.Null(EngagementFacts.From([]));
    }

    [Fact]
    public void Facts_read_the_first_contact_last_success_last_attempt_and_attempts_since_success_in_any_order()
    {
        var facts = EngagementFacts.From(
        [
            At(-2, ContactOutcome.Declined), At(-20, ContactOutcome.Attempted), At(-5, ContactOutcome.Made),
            At(-1, ContactOutcome.Attempted), At(-12, ContactOutcome.Made),
        ])!;

        Assert.Equal(Now.AddDays(-20), facts.FirstContactAt);
        Assert.Equal(Now.AddDays(-5), facts.LastSuccessAt);
        Assert.Equal(Now.AddDays(-1), facts.LastAttemptAt);
        Assert.Equal(2, facts.AttemptsSinceSuccess);
    }

    [Fact]
    public void Someone_never_reached_has_every_attempt_since_success_and_no_days_since_success()
    {
        var facts = EngagementFacts.From([At(-3, ContactOutcome.Attempted), At(-2, ContactOutcome.Declined)])!;

        Assert.Null(facts.LastSuccessAt);
        Assert.Equal(2, facts.AttemptsSinceSuccess);
        Assert.Null(facts.DaysSinceLastSuccess(Now));
    }

    [Fact]
    public void Days_since_success_count_whole_days_only()
    {
        var facts = EngagementFacts.From([new ContactFact(Now.AddDays(-3).AddHours(-23), ContactOutcome.Made, false)])!;

        Assert.Equal(3, facts.DaysSinceLastSuccess(Now));
        Assert.Null(facts.LastAttemptAt);
    }

    private static ContactFact At(int days, ContactOutcome outcome) => new(Now.AddDays(days), outcome, false);
}
