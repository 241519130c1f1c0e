using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class MaracCriteriaTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly MaracCriteria _criteria = new(new DomesticAbuseOptions());

    private IReadOnlyList<MaracCriterion> Met(DashResult? assessment = null, DateTimeOffset[]? incidents = null, DateTimeOffset? lastReferral = null) =>
        _criteria.Evaluate(new MaracFacts(Now, assessment, incidents ?? [], lastReferral)).Select(m => m.Criterion).ToList();

    private static DashResult Scored(int score, RiskLevel judgement = RiskLevel.Unspecified)
    {
        var scored = score >= 14 ? RiskLevel.High : score >= 10 ? RiskLevel.Medium : RiskLevel.Standard;
        return new DashResult(score, scored, judgement, judgement > scored ? judgement : scored);
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    public void Visible_high_risk_is_14_or_more_yes_answers(int score, bool met)
    {
        Assert.Equal(met, Met(Scored(score)).Contains(MaracCriterion.VisibleHighRisk));
    }

    [Fact]
    public void Professional_judgement_applies_when_the_assessor_raised_the_level_to_high()
    {
        Assert.Equal([MaracCriterion.ProfessionalJudgement], Met(Scored(6, RiskLevel.High)));
        Assert.Empty(Met(Scored(6, RiskLevel.Medium)));
        Assert.Equal([MaracCriterion.VisibleHighRisk], Met(Scored(16, RiskLevel.High)));
    }

    [Fact]
    public void Potential_escalation_is_three_incidents_within_twelve_months()
    {
        DateTimeOffset[] two = [Now.AddDays(-10), Now.AddMonths(-6)];
        DateTimeOffset[] threeInside = [.. two, Now.AddMonths(-12).AddDays(1)];
        DateTimeOffset[] thirdOutside = [.. two, Now.AddMonths(-12).AddDays(-1)];

        Assert.DoesNotContain(MaracCriterion.PotentialEscalation, Met(incidents: two));
        Assert.Contains(MaracCriterion.PotentialEscalation, Met(incidents: threeInside));
        Assert.DoesNotContain(MaracCriterion.PotentialEscalation, Met(incidents: thirdOutside));
    }

    [Fact]
    public void Repeat_is_an_incident_within_twelve_months_after_the_last_marac_referral()
    {
        var referral = Now.AddMonths(-11);

        Assert.Equal([MaracCriterion.Repeat], Met(incidents: [referral.AddDays(1)], lastReferral: referral));
        Assert.Equal([MaracCriterion.Repeat], Met(incidents: [Now], lastReferral: Now.AddMonths(-12)));
        Assert.Empty(Met(incidents: [referral.AddDays(-1)], lastReferral: referral));
        Assert.Empty(Met(incidents: [Now.AddDays(-1)], lastReferral: Now.AddMonths(-13)));
        Assert.Empty(Met(incidents: [Now.AddDays(-1)]));
    }

    [Fact]
    public void The_repeat_window_is_flagged_for_twelve_months_after_a_referral()
    {
        Assert.True(_criteria.InRepeatWindow(Now, Now.AddMonths(-12)));
        Assert.False(_criteria.InRepeatWindow(Now, Now.AddMonths(-12).AddDays(-1)));
        Assert.False(_criteria.InRepeatWindow(Now, null));
    }

    [Fact]
    public void Every_criterion_that_applies_is_given_strongest_first_with_its_reason()
    {
        var referral = Now.AddMonths(-3);
        DateTimeOffset[] incidents = [Now.AddDays(-1), Now.AddDays(-20), Now.AddDays(-40)];

        var met = _criteria.Evaluate(new MaracFacts(Now, Scored(18), incidents, referral));

        Assert.Equal([MaracCriterion.VisibleHighRisk, MaracCriterion.PotentialEscalation, MaracCriterion.Repeat], met.Select(m => m.Criterion));
        Assert.All(met, m => Assert.False(string.IsNullOrWhiteSpace(m.Reason)));
    }
}
