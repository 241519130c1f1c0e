using Platform.Safeguarding.Domain.Concerns;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class ConcernStagesTests
{
    private static readonly Stage[] Stages = Enum.GetValues<Stage>().Where(s => s != Stage.Unspecified).ToArray();

    private static readonly EnquiryDecision?[] Decisions =
        [null, EnquiryDecision.Section42, EnquiryDecision.OtherEnquiry, EnquiryDecision.NoFurtherAction];

    /// <summary>The whole machine, written out independently of the rule: (from, to, decision) → allowed.</summary>
    private static bool Expected(Stage from, Stage to, EnquiryDecision? decision)
    {
        var enquires = decision is EnquiryDecision.Section42 or EnquiryDecision.OtherEnquiry;
        return (from, to) switch
        {
            (Stage.Concern, Stage.InformationGathering) => true,
            (Stage.Concern or Stage.InformationGathering, Stage.Enquiry) => enquires,
            (Stage.Concern or Stage.InformationGathering, Stage.Closed) => decision == EnquiryDecision.NoFurtherAction,
            (Stage.Enquiry, Stage.Plan) or (Stage.Enquiry, Stage.Closed) => true,
            (Stage.Plan, Stage.Review) => true,
            (Stage.Review, Stage.Plan) or (Stage.Review, Stage.Closed) => true,
            _ => false,
        };
    }

    public static TheoryData<Stage, Stage> Pairs()
    {
        var data = new TheoryData<Stage, Stage>();
        foreach (var from in Stages)
        {
            foreach (var to in Stages)
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_transition_is_allowed_exactly_when_the_stage_machine_says_so(Stage from, Stage to)
    {
        foreach (var decision in Decisions)
        {
            var refusal = ConcernStages.Refusal(from, to, decision);

            Assert.True(Expected(from, to, decision) == refusal is null,
                $"{from} → {to} with decision {decision?.ToString() ?? "none"}: {refusal ?? "allowed"}");
        }
    }

    [Fact]
    public void A_refusal_names_the_stages_that_are_allowed()
    {
        var refusal = ConcernStages.Refusal(Stage.Plan, Stage.Closed, EnquiryDecision.Section42);

        Assert.Contains("Allowed from plan: review", refusal);
    }

    [Fact]
    public void An_enquiry_without_a_decision_to_enquire_is_refused_with_the_reason()
    {
        var refusal = ConcernStages.Refusal(Stage.InformationGathering, Stage.Enquiry, null);

        Assert.Contains("decision to enquire", refusal);
        Assert.Contains("Record the section 42 decision first", refusal);
        Assert.Contains("Allowed from concern: information gathering.", ConcernStages.Refusal(Stage.Concern, Stage.Enquiry, null));
    }

    [Fact]
    public void Nothing_follows_closed()
    {
        Assert.Empty(ConcernStages.Allowed(Stage.Closed, EnquiryDecision.Section42));
        Assert.Contains("no stage follows", ConcernStages.Refusal(Stage.Closed, Stage.Review, EnquiryDecision.Section42));
    }
}
