using Platform.Housing.Domain;
using Platform.Housing.Domain.Scoring;
using static Platform.Housing.Tests.Domain.Cases;

namespace Platform.Housing.Tests.Domain;

public sealed class SoftScorerTests
{
    private static readonly SoftScorer Scorer = new(new MatchWeights());

    [Fact]
    public void Distance_is_full_inside_a_preferred_area_and_halves_every_ten_km_outside()
    {
        var inside = Person().With(preferred: Zones(Bristol));
        var near = Person().With(preferred: Circle(51.4545, -2.5879 + 0.30, 1));

        Assert.Equal(1, Scorer.Distance(inside, Unit()));
        Assert.InRange(Scorer.Distance(near, Unit()), 0.2, 0.35);
        Assert.Equal(0.5, Scorer.Distance(Person(), Unit()));
    }

    [Fact]
    public void Support_fit_prefers_enough_support_to_too_little()
    {
        var needsTen = Person().With(supportHours: 10);

        Assert.Equal(1, SoftScorer.SupportFit(needsTen, Unit() with { SupportHoursPerWeek = 10 }));
        Assert.Equal(0.5, SoftScorer.SupportFit(needsTen, Unit() with { SupportHoursPerWeek = 5 }));
        Assert.Equal(0.5, SoftScorer.SupportFit(needsTen, Unit() with { Staffed24Hours = true }));
    }

    [Fact]
    public void A_longer_empty_vacancy_scores_higher_until_it_reaches_the_configured_days()
    {
        var fresh = Unit() with { Vacancy = Unit().Vacancy! with { AvailableFrom = Now } };
        var old = Unit() with { Vacancy = Unit().Vacancy! with { AvailableFrom = Now.AddDays(-200) } };

        Assert.Equal(0, Scorer.VacancyAge(Person(), fresh));
        Assert.Equal(1, Scorer.VacancyAge(Person(), old));
    }

    [Fact]
    public void Weights_change_the_order()
    {
        var traumaInformed = Unit("a") with { TraumaInformed = true, Vacancy = Unit().Vacancy! with { AvailableFrom = Now } };
        var longEmpty = Unit("b") with { Vacancy = Unit().Vacancy! with { AvailableFrom = Now.AddDays(-90) } };
        var traumaFirst = new SoftScorer(new MatchWeights { TraumaInformed = 1, VacancyAge = 0.1 });
        var ageFirst = new SoftScorer(new MatchWeights { TraumaInformed = 0.1, VacancyAge = 1 });

        Assert.True(traumaFirst.Score(Person(), traumaInformed) > traumaFirst.Score(Person(), longEmpty));
        Assert.True(ageFirst.Score(Person(), traumaInformed) < ageFirst.Score(Person(), longEmpty));
    }
}
