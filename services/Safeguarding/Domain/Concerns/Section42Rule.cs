using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Concerns;

/// <summary>
/// The Care Act 2014 section 42 test and the decision that follows it. Each of the three parts is
/// answered with a reason. All three met is the duty to enquire: the decision is a section 42
/// enquiry, unless it rests on the adult's capacitous refusal (recorded in full). A section 42
/// enquiry needs all three met; an other enquiry or no further action needs a reason.
/// </summary>
public static class Section42Rule
{
    public const int MaximumReasonLength = 2000;

    public static void Check(Validator v, Section42Test? test, EnquiryDecision decision, string reason, CapacitousRefusal? refusal, DateTimeOffset now)
    {
        if (test is null)
        {
            v.Add("test", "is required: each of the three parts, met or not, with a reason");
        }
        else
        {
            Part(v, test.CareAndSupportNeeds, "test.care_and_support_needs");
            Part(v, test.ExperiencingOrAtRisk, "test.experiencing_or_at_risk");
            Part(v, test.UnableToProtectSelf, "test.unable_to_protect_self");
        }
        v.KnownEnum(decision, "decision");
        v.MaxLength(reason, "reason", MaximumReasonLength);
        if (refusal is not null)
        {
            CapacitousRefusalRule.Check(v, refusal, "capacitous_refusal", now);
            v.Check(decision == EnquiryDecision.NoFurtherAction, "capacitous_refusal",
                "applies only to a decision of no further action");
        }
        if (test is null || !v.IsValid)
        {
            return;
        }
        var allMet = AllMet(test);
        if (decision == EnquiryDecision.Section42 && !allMet)
        {
            v.Add("decision", $"a section 42 enquiry needs all three parts met; not met: {string.Join(", ", NotMet(test))}");
        }
        if (allMet && decision == EnquiryDecision.OtherEnquiry)
        {
            v.Add("decision", "all three parts are met: the duty to enquire applies, so the enquiry is a section 42 enquiry");
        }
        if (allMet && decision == EnquiryDecision.NoFurtherAction && refusal is null)
        {
            v.Add("decision", "all three parts are met: no further action needs the adult's capacitous refusal recorded (capacitous_refusal)");
        }
        if (decision is EnquiryDecision.OtherEnquiry or EnquiryDecision.NoFurtherAction)
        {
            v.Check(!string.IsNullOrWhiteSpace(reason), "reason", "is required for an other enquiry or no further action");
        }
    }

    public static bool AllMet(Section42Test test) =>
        test.CareAndSupportNeeds.Met && test.ExperiencingOrAtRisk.Met && test.UnableToProtectSelf.Met;

    private static IEnumerable<string> NotMet(Section42Test test)
    {
        if (!test.CareAndSupportNeeds.Met) yield return "care and support needs";
        if (!test.ExperiencingOrAtRisk.Met) yield return "experiencing or at risk of abuse or neglect";
        if (!test.UnableToProtectSelf.Met) yield return "unable to protect self";
    }

    private static void Part(Validator v, TestPart? part, string field)
    {
        if (part is null)
        {
            v.Add(field, "is required: met or not, with a reason");
            return;
        }
        v.Required(part.Reason, field + ".reason", MaximumReasonLength);
    }
}
