using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Concerns;

/// <summary>
/// Making Safeguarding Personal: at the start, the outcomes the person wants in her own words, or
/// why she could not be asked; at closure, for each of those outcomes, whether it was achieved
/// fully, partly or not, with her view, and what became of the risk.
/// </summary>
public static class MakingSafeguardingPersonal
{
    public const int MaximumWordsLength = 2000;
    public const int MaximumOutcomes = 20;

    public static void CheckDesiredOutcomes(Validator v, bool asked, IReadOnlyList<string> outcomes, string notAskedReason)
    {
        if (asked)
        {
            v.Check(outcomes.Count > 0, "outcomes", "is required when she was asked: what she wants, in her own words");
            v.Check(outcomes.Count <= MaximumOutcomes, "outcomes", $"must be at most {MaximumOutcomes}");
            for (var i = 0; i < outcomes.Count; i++)
            {
                v.Required(outcomes[i], $"outcomes[{i}]", MaximumWordsLength);
            }
            v.Check(string.IsNullOrEmpty(notAskedReason), "not_asked_reason", "must be empty when she was asked");
        }
        else
        {
            v.Required(notAskedReason, "not_asked_reason", MaximumWordsLength);
            v.Check(outcomes.Count == 0, "outcomes", "must be empty when she was not asked");
        }
    }

    /// <summary>
    /// The closure's outcome results against the desired outcomes recorded at the start (null: none
    /// recorded, which the caller refuses before this).
    /// </summary>
    public static void CheckClosure(Validator v, DesiredOutcomes desired, IReadOnlyList<OutcomeResult> results, RiskOutcome riskOutcome)
    {
        v.KnownEnum(riskOutcome, "risk_outcome");
        var expected = desired.Outcomes.Select(o => o.OutcomeId).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var field = $"outcomes[{i}]";
            if (!expected.Contains(result.OutcomeId))
            {
                v.Add(field + ".outcome_id", desired.Asked
                    ? $"is not one of her desired outcomes ({string.Join(", ", expected.Order(StringComparer.Ordinal))})"
                    : "she was not asked for outcomes: give none");
                continue;
            }
            v.Check(seen.Add(result.OutcomeId), field + ".outcome_id", "is given twice");
            v.KnownEnum(result.Achievement, field + ".achievement");
            v.Required(result.PersonsView, field + ".persons_view", MaximumWordsLength);
        }
        var missing = expected.Except(seen).Order(StringComparer.Ordinal).ToList();
        v.Check(missing.Count == 0, "outcomes", $"must say for each desired outcome whether it was achieved; missing: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// Her desired outcomes taken together, as the Safeguarding Adults Collection counts them: "fully"
    /// when every one was fully achieved, "not" when none was achieved at all, "partly" otherwise;
    /// null when she expressed none.
    /// </summary>
    public static string? Overall(IReadOnlyCollection<OutcomeAchievement> results) =>
        results.Count == 0 ? null
        : results.All(r => r == OutcomeAchievement.Fully) ? "fully"
        : results.All(r => r == OutcomeAchievement.Not) ? "not"
        : "partly";
}
