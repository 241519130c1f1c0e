using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.Domain.Concerns;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class MakingSafeguardingPersonalTests
{
    private static IReadOnlyList<string> Fields(Action<Validator> check)
    {
        var v = new Validator();
        check(v);
        return v.IsValid ? [] : Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid).Violations.Select(x => x.Field).ToList();
    }

    private static DesiredOutcomes Desired(params string[] words)
    {
        var desired = new DesiredOutcomes { Asked = words.Length > 0, NotAskedReason = words.Length > 0 ? "" : "unconscious in hospital" };
        desired.Outcomes.AddRange(words.Select((w, i) => new DesiredOutcome { OutcomeId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Words = w }));
        return desired;
    }

    private static OutcomeResult Result(string id, OutcomeAchievement achievement = OutcomeAchievement.Partly) =>
        new() { OutcomeId = id, Achievement = achievement, PersonsView = "better, not there yet" };

    [Fact]
    public void Desired_outcomes_are_her_words_or_the_reason_she_could_not_be_asked()
    {
        Assert.Empty(Fields(v => MakingSafeguardingPersonal.CheckDesiredOutcomes(v, true, ["I want to feel safe at home"], "")));
        Assert.Empty(Fields(v => MakingSafeguardingPersonal.CheckDesiredOutcomes(v, false, [], "in intensive care")));
        Assert.Equal(["outcomes"], Fields(v => MakingSafeguardingPersonal.CheckDesiredOutcomes(v, true, [], "")));
        Assert.Equal(["not_asked_reason"], Fields(v => MakingSafeguardingPersonal.CheckDesiredOutcomes(v, false, [], "")));
        Assert.Equal(["outcomes[1]"], Fields(v => MakingSafeguardingPersonal.CheckDesiredOutcomes(v, true, ["safe", " "], "")));
    }

    [Fact]
    public void Closure_says_for_each_desired_outcome_whether_it_was_achieved_with_her_view()
    {
        var desired = Desired("feel safe", "keep my flat");

        Assert.Empty(Fields(v => MakingSafeguardingPersonal.CheckClosure(v, desired, [Result("1", OutcomeAchievement.Fully), Result("2", OutcomeAchievement.Not)], RiskOutcome.Reduced)));
        Assert.Equal(["outcomes"], Fields(v => MakingSafeguardingPersonal.CheckClosure(v, desired, [Result("1")], RiskOutcome.Reduced)));
        Assert.Contains("outcomes[1].outcome_id", Fields(v => MakingSafeguardingPersonal.CheckClosure(v, desired, [Result("1"), Result("3")], RiskOutcome.Reduced)));
        Assert.Contains("outcomes[1].outcome_id", Fields(v => MakingSafeguardingPersonal.CheckClosure(v, desired, [Result("1"), Result("1"), Result("2")], RiskOutcome.Reduced)));
    }

    [Fact]
    public void Each_result_needs_an_achievement_and_her_view_and_the_closure_a_risk_outcome()
    {
        var desired = Desired("feel safe");
        var result = Result("1", OutcomeAchievement.Unspecified);
        result.PersonsView = "";

        var fields = Fields(v => MakingSafeguardingPersonal.CheckClosure(v, desired, [result], (RiskOutcome)9));

        Assert.Contains("outcomes[0].achievement", fields);
        Assert.Contains("outcomes[0].persons_view", fields);
        Assert.Contains("risk_outcome", fields);
    }

    [Fact]
    public void When_she_was_not_asked_the_closure_gives_no_outcome_results()
    {
        Assert.Empty(Fields(v => MakingSafeguardingPersonal.CheckClosure(v, Desired(), [], RiskOutcome.Remains)));
        Assert.Equal(["outcomes[0].outcome_id"], Fields(v => MakingSafeguardingPersonal.CheckClosure(v, Desired(), [Result("1")], RiskOutcome.Remains)));
    }
}
