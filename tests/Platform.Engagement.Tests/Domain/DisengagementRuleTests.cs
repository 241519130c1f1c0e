using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Tests.Domain;

public sealed class DisengagementRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly DisengagementRule _rule = new(new DisengagementOptions());

    [Fact]
    public void Three_consecutive_failed_attempts_raise_disengagement()
    {
        var facts = Facts(Made(-10), Attempted(-3), Attempted(-2), Attempted(-1));

        var finding = _rule.Evaluate(facts, RiskLevels.Standard, Now);

        Assert.Equal(DisengagementRule.ConsecutiveAttempts, finding?.Rule);
        Assert.Contains("3 attempts in a row", finding!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_failed_attempts_after_a_recent_success_raise_nothing()
    {
        Assert.Null(_rule.Evaluate(Facts(Made(-5), Attempted(-2), Attempted(-1)), RiskLevels.High, Now));
    }

    [Fact]
    public void Declined_contacts_count_as_unsuccessful_attempts()
    {
        var finding = _rule.Evaluate(Facts(Made(-5), Declined(-3), Declined(-2), Attempted(-1)), RiskLevels.Standard, Now);

        Assert.Equal(DisengagementRule.ConsecutiveAttempts, finding?.Rule);
    }

    [Fact]
    public void Attempts_before_the_last_success_do_not_count()
    {
        Assert.Null(_rule.Evaluate(Facts(Attempted(-9), Attempted(-8), Attempted(-7), Made(-2), Attempted(-1)), RiskLevels.Standard, Now));
    }

    [Theory]
    [InlineData("high", 14, null)]
    [InlineData("high", 15, DisengagementRule.NoContactHighRisk)]
    [InlineData("medium", 15, null)]
    [InlineData("standard", 30, null)]
    [InlineData("standard", 31, DisengagementRule.NoContact)]
    [InlineData("medium", 31, DisengagementRule.NoContact)]
    public void Time_without_success_is_measured_against_the_limit_for_the_risk_level(string risk, int days, string? expected)
    {
        var finding = _rule.Evaluate(Facts(Made(-days)), risk, Now);

        Assert.Equal(expected, finding?.Rule);
    }

    [Fact]
    public void Exactly_at_the_limit_is_not_yet_disengaged_and_a_moment_later_is()
    {
        var facts = Facts(new ContactFact(Now.AddDays(-14), ContactOutcome.Made, true));

        Assert.Null(_rule.Evaluate(facts, RiskLevels.High, Now));
        Assert.NotNull(_rule.Evaluate(facts, RiskLevels.High, Now.AddTicks(1)));
    }

    [Fact]
    public void Someone_never_reached_is_counted_from_the_first_attempt()
    {
        var finding = _rule.Evaluate(Facts(Attempted(-31)), RiskLevels.Standard, Now);

        Assert.Equal(DisengagementRule.NoContact, finding?.Rule);
        Assert.Equal("Not reached since the first attempt 31 days ago (limit 30)", finding!.Reason);
        Assert.Null(_rule.Evaluate(Facts(Attempted(-29)), RiskLevels.Standard, Now));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var rule = new DisengagementRule(new DisengagementOptions { ConsecutiveAttempts = 5, HighRiskDays = 7, StandardDays = 10 });

        Assert.Null(rule.Evaluate(Facts(Made(-2), Attempted(-1), Attempted(-1), Attempted(-1), Attempted(-1)), RiskLevels.Standard, Now));
        Assert.Equal(DisengagementRule.ConsecutiveAttempts,
            rule.Evaluate(Facts(Made(-2), Attempted(-1), Attempted(-1), Attempted(-1), Attempted(-1), Attempted(-1)), RiskLevels.Standard, Now)?.Rule);
        Assert.Equal(DisengagementRule.NoContactHighRisk, rule.Evaluate(Facts(Made(-8)), RiskLevels.High, Now)?.Rule);
        Assert.Equal(DisengagementRule.NoContact, rule.Evaluate(Facts(Made(-11)), RiskLevels.Standard, Now)?.Rule);
    }

    private static EngagementFacts Facts(params ContactFact[] contacts) => EngagementFacts.From(contacts)!;

    private static ContactFact Made(int days) => new(Now.AddDays(days), ContactOutcome.Made, true);

    private static ContactFact Attempted(int days) => new(Now.AddDays(days), ContactOutcome.Attempted, false);

    private static ContactFact Declined(int days) => new(Now.AddDays(days), ContactOutcome.Declined, false);
}
