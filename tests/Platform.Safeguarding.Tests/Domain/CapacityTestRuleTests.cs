using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.Domain.Capacity;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class CapacityTestRuleTests
{
    private static CapacityTest Test(bool impairment, bool understands = true, bool retains = true, bool weighs = true, bool communicates = true) => new()
    {
        Impairment = impairment, ImpairmentReason = "reason", Understands = understands, Retains = retains, UsesOrWeighs = weighs,
        Communicates = communicates, FunctionalReason = "reason",
    };

    [Fact]
    public void She_lacks_capacity_only_with_an_impairment_and_at_least_one_functional_inability()
    {
        Assert.Equal(CapacityOutcome.HasCapacity, CapacityTestRule.Outcome(Test(impairment: false)));
        Assert.Equal(CapacityOutcome.HasCapacity, CapacityTestRule.Outcome(Test(impairment: true)));
        Assert.Equal(CapacityOutcome.HasCapacity, CapacityTestRule.Outcome(Test(impairment: false, understands: false, weighs: false)));
        Assert.Equal(CapacityOutcome.LacksCapacity, CapacityTestRule.Outcome(Test(impairment: true, understands: false)));
        Assert.Equal(CapacityOutcome.LacksCapacity, CapacityTestRule.Outcome(Test(impairment: true, retains: false)));
        Assert.Equal(CapacityOutcome.LacksCapacity, CapacityTestRule.Outcome(Test(impairment: true, weighs: false)));
        Assert.Equal(CapacityOutcome.LacksCapacity, CapacityTestRule.Outcome(Test(impairment: true, communicates: false)));
    }

    [Fact]
    public void Lacking_capacity_needs_the_best_interests_decision_someone_consulted_and_the_support_given()
    {
        var v = new Validator();
        CapacityTestRule.Check(v, new RecordCapacityAssessmentRequest { Decision = "where to live", Test = Test(true, weighs: false) });

        var fields = Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid).Violations.Select(f => f.Field).ToList();
        Assert.Equal(["best_interests_decision", "consulted", "support_given"], fields);
    }

    [Theory]
    [InlineData(" Where to live ", "where to live")]
    [InlineData("WHERE TO LIVE", "where to live")]
    public void The_same_decision_is_matched_trimmed_and_ignoring_case(string words, string key) =>
        Assert.Equal(key, CapacityTestRule.DecisionKey(words));
}
