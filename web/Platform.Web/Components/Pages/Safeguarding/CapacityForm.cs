using Microsoft.AspNetCore.Http;
using Platform.Safeguarding.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>
/// A mental capacity assessment as typed: the one decision, the two-stage test each answered, and where she
/// lacks capacity the best-interests decision. The outcome is the platform's to derive, never typed.
/// </summary>
public sealed class CapacityForm
{
    /// <summary>Stage 2's four abilities: the input's name and the question a person reads.</summary>
    public static readonly IReadOnlyList<(string Key, string Question)> Abilities =
    [
        ("understands", "Can she understand the information relevant to the decision?"),
        ("retains", "Can she retain that information long enough to decide?"),
        ("usesOrWeighs", "Can she use or weigh that information as part of deciding?"),
        ("communicates", "Can she communicate her decision, by any means?"),
    ];

    public static readonly FormFields Fields = new FormFields()
        .Add("decision", "capacity-decision", "The decision assessed")
        .Add("assessed_at", "assessed-at", "The date assessed")
        .Add("test.impairment_reason", "impairment-reason", "The reason for stage 1")
        .Add("test.impairment", "impairment", "Stage 1")
        .Add("test.understands", "understands", "Understanding")
        .Add("test.retains", "retains", "Retaining")
        .Add("test.uses_or_weighs", "usesOrWeighs", "Using or weighing")
        .Add("test.communicates", "communicates", "Communicating")
        .Add("test.functional_reason", "functional-reason", "The reason for stage 2")
        .Add("test", "impairment", "The two-stage test")
        .Add("support_given", "support-given", "The support given")
        .Add("best_interests_decision", "best-interests", "The best-interests decision")
        .Add("consulted", "consulted", "Who was consulted")
        .Add("executive_function_note", "executive-note", "The executive function note")
        .Add("person_id", "capacity-decision", "The person");

    public PostedFields Typed { get; init; } = PostedFields.None;

    public static CapacityForm From(IFormCollection form) => new() { Typed = new PostedFields("capacity", form) };

    /// <summary>The assessment as the platform takes it, or what must be answered first.</summary>
    public (RecordCapacityAssessmentRequest Request, List<FieldProblem> Problems) ToRequest(string personId)
    {
        var problems = new List<FieldProblem>();
        bool Answer(string key, string field)
        {
            if (Typed[key].Length == 0) problems.Add(new FieldProblem(field, "must be answered"));
            return Typed.Is(key, "yes");
        }
        var request = new RecordCapacityAssessmentRequest
        {
            PersonId = personId, Decision = Typed["decision"], AssessedAt = Typed.Day("assessedAt", "assessed_at", problems, required: false),
            Test = new CapacityTest
            {
                Impairment = Answer("impairment", "test.impairment"), ImpairmentReason = Typed["impairmentReason"],
                Understands = Answer("understands", "test.understands"), Retains = Answer("retains", "test.retains"),
                UsesOrWeighs = Answer("usesOrWeighs", "test.uses_or_weighs"), Communicates = Answer("communicates", "test.communicates"),
                FunctionalReason = Typed["functionalReason"],
            },
            SupportGiven = Typed["supportGiven"], BestInterestsDecision = Typed["bestInterests"],
            ExecutiveFunctionConcern = Typed.Is("executiveConcern", "yes"), ExecutiveFunctionNote = Typed["executiveNote"],
        };
        request.Consulted.AddRange(Typed.Lines("consulted"));
        if (request.Decision.Length == 0) problems.Add(new FieldProblem("decision", "is required: the one decision assessed"));
        return (request, problems);
    }
}
