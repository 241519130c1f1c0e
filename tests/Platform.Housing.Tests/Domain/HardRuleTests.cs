using Platform.Housing.Domain;
using Platform.Housing.Domain.Rules;
using static Platform.Housing.Tests.Domain.Cases;

namespace Platform.Housing.Tests.Domain;

/// <summary>Each hard rule on its own, without I/O: it passes or fails, and says why in plain words.</summary>
public sealed class HardRuleTests
{
    private static RuleOutcome Check(string rule, MatchSubject who, UnitEntry unit) =>
        HardRules.All.Single(r => r.Name == rule).Check(who, unit);

    [Fact]
    public void Match_excludes_unit_inside_exclusion_zone_by_local_authority()
    {
        var outcome = Check("exclusion-zone", Person().With(exclusions: Zones(Bristol)), Unit());

        Assert.False(outcome.Passed);
        Assert.Contains(Bristol, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_excludes_unit_inside_exclusion_zone()
    {
        // Five kilometres around a point in central Bristol, where the unit is.
        var outcome = Check("exclusion-zone", Person().With(exclusions: Circle(51.46, -2.59, 5)), Unit());

        Assert.False(outcome.Passed);
        Assert.Contains("within 5 km", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_keeps_unit_outside_exclusion_zone()
    {
        Assert.True(Check("exclusion-zone", Person().With(exclusions: Circle(51.38, -2.36, 5)), Unit()).Passed);
        Assert.True(Check("exclusion-zone", Person().With(exclusions: Zones(Somerset)), Unit()).Passed);
    }

    [Fact]
    public void Match_excludes_unit_without_location_when_she_has_an_exclusion_zone()
    {
        var unknown = Unit() with { Latitude = double.NaN, Longitude = double.NaN };

        Assert.False(Check("exclusion-zone", Person().With(exclusions: Circle(51.38, -2.36, 5)), unknown).Passed);
    }

    [Fact]
    public void Match_excludes_unit_below_her_risk_level()
    {
        var outcome = Check("risk-level", Person().With(riskRank: 2), Unit() with { MaxRiskRank = 1 });

        Assert.False(outcome.Passed);
        Assert.Equal("her risk level is high; the placement accepts risk up to medium", outcome.Reason);
        Assert.True(Check("risk-level", Person().With(riskRank: 2), Unit() with { MaxRiskRank = 2 }).Passed);
    }

    [Fact]
    public void Match_excludes_mixed_unit_when_she_needs_women_only()
    {
        Assert.False(Check("women-only", Person().With(womenOnly: true), Unit()).Passed);
        Assert.True(Check("women-only", Person().With(womenOnly: true), Unit() with { WomenOnly = true }).Passed);
        Assert.True(Check("women-only", Person(), Unit()).Passed);
    }

    [Theory]
    [InlineData(Circumstance.ActiveAlcoholUse, "active-alcohol-use")]
    [InlineData(Circumstance.ActiveDrugUse, "active-drug-use")]
    [InlineData(Circumstance.MentalHealthNeeds, "mental-health-needs")]
    [InlineData(Circumstance.DualDiagnosis, "dual-diagnosis")]
    [InlineData(Circumstance.HistoryOfViolence, "history-of-violence")]
    [InlineData(Circumstance.Arson, "arson")]
    [InlineData(Circumstance.SexualOffences, "sexual-offences")]
    [InlineData(Circumstance.Pets, "pets")]
    [InlineData(Circumstance.Partner, "partner")]
    public void Match_excludes_unit_that_does_not_accept_her_circumstance(Circumstance need, string rule)
    {
        var refused = Check(rule, Person().With(needs: need), Unit());
        var accepted = Check(rule, Person().With(needs: need), Unit() with { Accepts = need });

        Assert.False(refused.Passed);
        Assert.StartsWith("does not accept", refused.Reason, StringComparison.Ordinal);
        Assert.True(accepted.Passed);
        Assert.True(Check(rule, Person(), Unit()).Passed);
    }

    [Fact]
    public void Match_excludes_unit_that_cannot_take_her_children()
    {
        var unit = Unit() with { MaxChildren = 2, MinChildAge = 0, MaxChildAge = 11 };

        Assert.True(Check("children", Person().With(children: [3, 9]), unit).Passed);
        Assert.False(Check("children", Person().With(children: [3, 9, 10]), unit).Passed);
        Assert.False(Check("children", Person().With(children: [14]), unit).Passed);
        Assert.Equal("does not accept children", Check("children", Person().With(children: [2]), Unit()).Reason);
    }

    [Fact]
    public void Match_excludes_unit_missing_an_accessibility_need()
    {
        var unit = Unit() with { Access = AccessFeature.GroundFloor };

        var outcome = Check("accessibility", Person().With(access: AccessFeature.Wheelchair | AccessFeature.GroundFloor), unit);

        Assert.False(outcome.Passed);
        Assert.Equal("lacks wheelchair access", outcome.Reason);
        Assert.True(Check("accessibility", Person().With(access: AccessFeature.GroundFloor), unit).Passed);
    }

    [Fact]
    public void Match_excludes_unit_requiring_local_connection_she_lacks()
    {
        var unit = Unit() with { LocalConnectionRequired = true };

        Assert.False(Check("local-connection", Person(), unit).Passed);
        Assert.True(Check("local-connection", Person().With(connections: new HashSet<int> { AreaKey.Of(Bristol) }), unit).Passed);
    }

    [Fact]
    public void Match_waives_local_connection_when_she_is_fleeing_domestic_abuse()
    {
        var outcome = Check("local-connection", Person().With(fleeing: true), Unit() with { LocalConnectionRequired = true });

        Assert.True(outcome.Passed);
        Assert.Contains("fleeing domestic abuse", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_excludes_unit_without_24_hour_staffing_when_she_needs_it()
    {
        Assert.False(Check("24-hour-staffing", Person().With(staffing: true), Unit()).Passed);
        Assert.True(Check("24-hour-staffing", Person().With(staffing: true), Unit() with { Staffed24Hours = true }).Passed);
    }

    [Fact]
    public void Match_excludes_unit_not_eligible_for_housing_benefit_when_she_relies_on_it()
    {
        Assert.False(Check("housing-benefit", Person().With(benefit: true), Unit()).Passed);
        Assert.True(Check("housing-benefit", Person().With(benefit: true), Unit() with { HousingBenefitEligible = true }).Passed);
    }

    [Fact]
    public void Match_excludes_unit_without_a_free_vacancy()
    {
        var held = Unit() with { Vacancy = Unit().Vacancy! with { HeldUntil = Now.AddHours(1) } };
        var holdRunOut = Unit() with { Vacancy = Unit().Vacancy! with { HeldUntil = Now.AddHours(-1) } };
        var promised = Unit() with { Vacancy = Unit().Vacancy! with { Promised = true } };

        Assert.False(Check("vacancy", Person(), Unit() with { Vacancy = null }).Passed);
        Assert.False(Check("vacancy", Person(), held).Passed);
        Assert.False(Check("vacancy", Person(), promised).Passed);
        Assert.True(Check("vacancy", Person(), holdRunOut).Passed);
    }

    [Fact]
    public void Match_excludes_unit_she_declined_recently_until_the_park_ends()
    {
        var parked = new Dictionary<string, DateTimeOffset> { ["unit-1"] = Now.AddDays(30) };
        var over = new Dictionary<string, DateTimeOffset> { ["unit-1"] = Now.AddDays(-1) };

        Assert.False(Check("recently-declined", Person().With(parked: parked), Unit()).Passed);
        Assert.True(Check("recently-declined", Person().With(parked: over), Unit()).Passed);
        Assert.True(Check("recently-declined", Person().With(parked: parked), Unit("unit-2")).Passed);
    }
}
