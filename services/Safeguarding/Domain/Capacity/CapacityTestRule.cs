using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Capacity;

/// <summary>
/// The Mental Capacity Act 2005 test for one decision at one time. Stage 1: an impairment of, or a
/// disturbance in the functioning of, the mind or brain, answered with a reason. Stage 2: can she
/// understand, retain, use or weigh the information, and communicate the decision, answered with a
/// reason. She lacks capacity only when she cannot do at least one of the four because of the
/// impairment; every other answer is capacity (presumed, and an unwise decision is not incapacity).
/// Where she lacks it, the best-interests decision and who was consulted are recorded.
/// </summary>
public static class CapacityTestRule
{
    public const int DecisionLength = 500;
    public const int TextLength = 2000;
    public const int MaximumConsulted = 30;

    public static CapacityOutcome Outcome(CapacityTest test) =>
        test.Impairment && !(test.Understands && test.Retains && test.UsesOrWeighs && test.Communicates)
            ? CapacityOutcome.LacksCapacity
            : CapacityOutcome.HasCapacity;

    /// <summary>Checks the request's test and what its outcome requires; returns the outcome (unspecified when there is no test).</summary>
    public static CapacityOutcome Check(Validator v, RecordCapacityAssessmentRequest request)
    {
        v.Required(request.Decision, "decision", DecisionLength);
        if (request.Test is not { } test)
        {
            v.Add("test", "is required: the two-stage test, each stage answered with a reason");
            return CapacityOutcome.Unspecified;
        }
        v.Required(test.ImpairmentReason, "test.impairment_reason", TextLength)
            .Required(test.FunctionalReason, "test.functional_reason", TextLength)
            .MaxLength(request.SupportGiven, "support_given", TextLength);
        var outcome = Outcome(test);
        if (outcome == CapacityOutcome.LacksCapacity)
        {
            v.Required(request.BestInterestsDecision, "best_interests_decision", TextLength)
                .Check(request.Consulted.Count > 0, "consulted", "is required when she lacks capacity: at least one person consulted on her best interests")
                .Check(request.Consulted.Count <= MaximumConsulted, "consulted", $"must name at most {MaximumConsulted}")
                .Required(request.SupportGiven, "support_given", TextLength);
            for (var i = 0; i < request.Consulted.Count; i++)
            {
                v.Required(request.Consulted[i], $"consulted[{i}]");
            }
        }
        else
        {
            v.Check(string.IsNullOrWhiteSpace(request.BestInterestsDecision), "best_interests_decision",
                    "must be empty when she has capacity: the decision is hers")
                .Check(request.Consulted.Count == 0, "consulted", "must be empty when she has capacity: no best-interests decision is made");
        }
        if (request.ExecutiveFunctionConcern)
        {
            v.Required(request.ExecutiveFunctionNote, "executive_function_note", TextLength);
        }
        else
        {
            v.Check(string.IsNullOrWhiteSpace(request.ExecutiveFunctionNote), "executive_function_note",
                "must be empty unless executive_function_concern is set");
        }
        return outcome;
    }

    /// <summary>Two assessments are of the same decision when their words match, trimmed and ignoring case.</summary>
    public static string DecisionKey(string decision) => decision.Trim().ToLowerInvariant();
}
