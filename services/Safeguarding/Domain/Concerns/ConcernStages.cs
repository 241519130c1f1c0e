using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Concerns;

/// <summary>
/// The stages of a concern: concern → information gathering → enquiry → plan → review → closed.
/// An enquiry needs a decision to enquire (section 42 or other); a concern closed before an enquiry
/// needs a decision of no further action. A review returns to the plan or closes.
/// </summary>
public static class ConcernStages
{
    private static readonly IReadOnlyDictionary<Stage, Stage[]> Next = new Dictionary<Stage, Stage[]>
    {
        [Stage.Concern] = [Stage.InformationGathering, Stage.Enquiry, Stage.Closed],
        [Stage.InformationGathering] = [Stage.Enquiry, Stage.Closed],
        [Stage.Enquiry] = [Stage.Plan, Stage.Closed],
        [Stage.Plan] = [Stage.Review],
        [Stage.Review] = [Stage.Plan, Stage.Closed],
        [Stage.Closed] = [],
    };

    /// <summary>The stages a concern may move to from <paramref name="from"/>, whatever its decision.</summary>
    public static IReadOnlyList<Stage> From(Stage from) => Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>Stages a concern may move to now, given its decision (null: none yet).</summary>
    public static IReadOnlyList<Stage> Allowed(Stage from, EnquiryDecision? decision) =>
        From(from).Where(to => Condition(from, to, decision) is null).ToList();

    /// <summary>Null when the move may go ahead; otherwise why not, naming the stages that are allowed.</summary>
    public static string? Refusal(Stage from, Stage to, EnquiryDecision? decision)
    {
        if (!From(from).Contains(to))
        {
            return $"A concern at stage {Word(from)} cannot move to {Word(to)}. {AllowedText(from, decision)}";
        }
        return Condition(from, to, decision) is { } unmet ? $"{unmet} {AllowedText(from, decision)}" : null;
    }

    /// <summary>What a move the machine has needs from the decision; null when nothing is missing.</summary>
    private static string? Condition(Stage from, Stage to, EnquiryDecision? decision)
    {
        var enquires = decision is EnquiryDecision.Section42 or EnquiryDecision.OtherEnquiry;
        if (to == Stage.Enquiry && !enquires)
        {
            return "An enquiry needs a decision to enquire (section 42 or other) first.";
        }
        if (to == Stage.Closed && from is Stage.Concern or Stage.InformationGathering && decision != EnquiryDecision.NoFurtherAction)
        {
            return "A concern closes before an enquiry only on a decision of no further action.";
        }
        return null;
    }

    public static string Word(Stage stage) => stage switch
    {
        Stage.InformationGathering => "information gathering",
        _ => stage.ToString().ToLowerInvariant(),
    };

    private static string AllowedText(Stage from, EnquiryDecision? decision)
    {
        var allowed = Allowed(from, decision);
        if (allowed.Count > 0)
        {
            return $"Allowed from {Word(from)}: {string.Join(", ", allowed.Select(Word))}.";
        }
        return from == Stage.Closed ? "It is closed: no stage follows." : "Record the section 42 decision first.";
    }
}
