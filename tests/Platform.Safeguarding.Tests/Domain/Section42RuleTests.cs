using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.Domain.Concerns;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class Section42RuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Section42Test Test(bool needs, bool atRisk, bool unable) => new()
    {
        CareAndSupportNeeds = new TestPart { Met = needs, Reason = "alcohol dependence; needs support with daily living" },
        ExperiencingOrAtRisk = new TestPart { Met = atRisk, Reason = "partner's violence and control of her money" },
        UnableToProtectSelf = new TestPart { Met = unable, Reason = "cannot leave: no money, nowhere to go" },
    };

    private static IReadOnlyList<string> Violations(Section42Test? test, EnquiryDecision decision, string reason = "", CapacitousRefusal? refusal = null)
    {
        var v = new Validator();
        Section42Rule.Check(v, test, decision, reason, refusal, Now);
        try
        {
            v.ThrowIfInvalid();
            return [];
        }
        catch (InvalidArgumentException e)
        {
            return e.Violations.Select(x => x.Field).ToList();
        }
    }

    public static CapacitousRefusal Refusal(DateTimeOffset? followUp = null) => new()
    {
        RisksExplained = "that he may hurt her again", SupportOffered = "IDVA, refuge place",
        FollowUpAt = (followUp ?? Now.AddDays(14)).ToTimestamp(),
    };

    [Fact]
    public void All_three_parts_met_is_a_section_42_enquiry()
    {
        Assert.Empty(Violations(Test(true, true, true), EnquiryDecision.Section42));
        Assert.Contains("decision", Violations(Test(true, true, true), EnquiryDecision.OtherEnquiry, "reason"));
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void A_section_42_enquiry_needs_every_part_met(bool needs, bool atRisk, bool unable)
    {
        Assert.Contains("decision", Violations(Test(needs, atRisk, unable), EnquiryDecision.Section42));
        Assert.Empty(Violations(Test(needs, atRisk, unable), EnquiryDecision.OtherEnquiry, "the power to enquire: proportionate"));
    }

    [Fact]
    public void Each_part_needs_a_reason()
    {
        var test = Test(true, true, true);
        test.ExperiencingOrAtRisk.Reason = " ";

        Assert.Equal(["test.experiencing_or_at_risk.reason"], Violations(test, EnquiryDecision.Section42));
        Assert.Equal(["test"], Violations(null, EnquiryDecision.Section42));
    }

    [Fact]
    public void No_further_action_needs_a_reason()
    {
        Assert.Equal(["reason"], Violations(Test(false, true, true), EnquiryDecision.NoFurtherAction));
        Assert.Empty(Violations(Test(false, true, true), EnquiryDecision.NoFurtherAction, "no care and support needs"));
    }

    [Fact]
    public void No_further_action_when_all_parts_are_met_rests_only_on_a_capacitous_refusal_recorded_in_full()
    {
        Assert.Contains("decision", Violations(Test(true, true, true), EnquiryDecision.NoFurtherAction, "she refuses"));
        Assert.Empty(Violations(Test(true, true, true), EnquiryDecision.NoFurtherAction, "she refuses", Refusal()));
    }

    [Fact]
    public void A_capacitous_refusal_without_risks_explained_support_offered_or_a_future_follow_up_is_refused()
    {
        var refusal = Refusal(Now.AddDays(-1));
        refusal.RisksExplained = "";
        refusal.SupportOffered = "";

        var fields = Violations(Test(true, true, true), EnquiryDecision.NoFurtherAction, "she refuses", refusal);

        Assert.Contains("capacitous_refusal.risks_explained", fields);
        Assert.Contains("capacitous_refusal.support_offered", fields);
        Assert.Contains("capacitous_refusal.follow_up_at", fields);
        refusal.FollowUpAt = null;
        Assert.Contains("capacitous_refusal.follow_up_at", Violations(Test(true, true, true), EnquiryDecision.NoFurtherAction, "x", refusal));
    }

    [Fact]
    public void An_unknown_decision_is_refused()
    {
        Assert.Equal(["decision"], Violations(Test(true, true, true), (EnquiryDecision)42));
        Assert.Equal(["decision"], Violations(Test(true, true, true), EnquiryDecision.Unspecified));
    }
}
