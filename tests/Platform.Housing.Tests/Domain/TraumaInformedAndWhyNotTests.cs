using Platform.Housing.Domain;
using Platform.Housing.Domain.Rules;
using Platform.Housing.Domain.Scoring;
using static Platform.Housing.Tests.Domain.Cases;

namespace Platform.Housing.Tests.Domain;

/// <summary>The trauma-informed need as a hard rule, and "why not?" explaining only placements she could have been offered.</summary>
public sealed class TraumaInformedAndWhyNotTests
{
    private static readonly PlacementMatcher Matcher = new(new SoftScorer(new MatchWeights()));

    private static RuleOutcome Check(MatchSubject who, UnitEntry unit) =>
        HardRules.All.Single(r => r.Name == "trauma-informed").Check(who, unit);

    [Fact]
    public void Match_excludes_unit_without_trauma_informed_environment_when_she_needs_one()
    {
        var outcome = Check(Person().With(traumaInformed: true), Unit());

        Assert.False(outcome.Passed);
        Assert.Equal("she needs a trauma-informed / psychologically informed environment; the placement does not provide one", outcome.Reason);
        Assert.True(Check(Person().With(traumaInformed: true), Unit() with { TraumaInformed = true }).Passed);
    }

    [Fact]
    public void Trauma_informed_is_only_a_preference_when_she_does_not_need_it()
    {
        Assert.True(Check(Person(), Unit()).Passed);
        Assert.False(HardRules.All.Single(r => r.Name == "trauma-informed").CanFail(Person()));
    }

    [Fact]
    public void Why_not_explains_only_units_with_a_vacancy_in_the_window_unless_asked_for_the_rest()
    {
        var who = Person().With(womenOnly: true, traumaInformed: true);
        UnitEntry[] units =
        [
            Unit("a-vacant-mixed"),
            Unit("b-vacant-women-only") with { WomenOnly = true },
            Unit("c-no-vacancy") with { Vacancy = null },
            Unit("d-past-last-day") with { Vacancy = new VacancySlot("v", Now.AddDays(-30), Now.AddDays(-1), false, null) },
            Unit("e-fits") with { WomenOnly = true, TraumaInformed = true },
        ];

        var byDefault = Matcher.Rank(who, units, take: 10, excludedTake: 10);
        var everything = Matcher.Rank(who, units, take: 10, excludedTake: 10, explainWithoutVacancy: true);

        Assert.Equal(["a-vacant-mixed", "b-vacant-women-only"], byDefault.Excluded.Select(u => u.UnitId));
        Assert.Equal(2, byDefault.ExplainedExcludedCount);
        Assert.Equal([new RuleCount("trauma-informed", 2), new RuleCount("women-only", 1)], byDefault.WhyNot);
        Assert.Equal(4, everything.ExplainedExcludedCount);
        Assert.Contains(new RuleCount("vacancy", 2), everything.WhyNot);
        Assert.Equal("e-fits", Assert.Single(byDefault.Fits).Unit.UnitId);
    }
}
