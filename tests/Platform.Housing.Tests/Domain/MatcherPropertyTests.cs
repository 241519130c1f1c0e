using Platform.Housing.Domain;
using Platform.Housing.Domain.Rules;
using Platform.Housing.Domain.Scoring;

namespace Platform.Housing.Tests.Domain;

/// <summary>Properties over generated units and people (fixed seeds): what the matcher promises for every case, not just the chosen ones.</summary>
public sealed class MatcherPropertyTests
{
    private static readonly PlacementMatcher Matcher = new(new SoftScorer(new MatchWeights()));

    public static TheoryData<int> Seeds() => new(20261126, 7, 424242);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_unit_failing_any_hard_rule_is_never_ranked(int seed)
    {
        var cases = new RandomCases(seed);
        var units = Enumerable.Range(0, 2_000).Select(cases.Unit).ToArray();
        for (var p = 0; p < 60; p++)
        {
            var who = cases.Person(units);

            var result = Matcher.Rank(who, units, take: units.Length, excludedTake: units.Length, explainWithoutVacancy: true);

            Assert.All(result.Fits, fit => Assert.All(HardRules.All, rule => Assert.True(rule.Passes(who, fit.Unit), $"{fit.Unit.UnitId} ranked despite {rule.Name}")));
            Assert.All(result.Excluded, unit => Assert.Contains(HardRules.All, rule => !rule.Passes(who, unit)));
            Assert.Equal(units.Length, result.Fits.Count + result.Excluded.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ranked_fits_come_best_first_and_the_top_page_is_the_top_of_the_whole_ranking(int seed)
    {
        var cases = new RandomCases(seed);
        var units = Enumerable.Range(0, 2_000).Select(cases.Unit).ToArray();
        for (var p = 0; p < 30; p++)
        {
            var who = cases.Person(units);

            var all = Matcher.Rank(who, units, take: units.Length, excludedTake: 0);
            var page = Matcher.Rank(who, units, take: 10, excludedTake: 0);

            Assert.True(all.Fits.Zip(all.Fits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
            Assert.Equal(all.Fits.Take(10).Select(f => f.Unit.UnitId), page.Fits.Select(f => f.Unit.UnitId));
            Assert.Equal(all.FitCount, page.FitCount);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_explanation_agrees_with_the_ranking(int seed)
    {
        var cases = new RandomCases(seed);
        var units = Enumerable.Range(0, 500).Select(cases.Unit).ToArray();
        var who = cases.Person(units);

        var result = Matcher.Rank(who, units, take: units.Length, excludedTake: units.Length, explainWithoutVacancy: true);

        Assert.All(result.Fits, fit => Assert.True(Matcher.Explain(who, fit.Unit) is { Fits: true } e && Math.Abs(e.Score - fit.Score) < 1e-12));
        Assert.All(result.Excluded, unit => Assert.Contains(Matcher.Explain(who, unit).Rules, r => !r.Passed && r.Reason.Length > 0));
        Assert.All(result.Fits, fit => Assert.InRange(fit.Score, 0, 1));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_rule_skipped_for_a_person_passes_every_unit_for_her(int seed)
    {
        var cases = new RandomCases(seed);
        var units = Enumerable.Range(0, 1_000).Select(cases.Unit).ToArray();
        for (var p = 0; p < 100; p++)
        {
            var who = cases.Person(units);

            foreach (var rule in HardRules.All.Where(r => !r.CanFail(who)))
            {
                Assert.All(units, unit => Assert.True(rule.Passes(who, unit), $"{rule.Name} skipped but fails {unit.UnitId}"));
            }
        }
    }
}
