using Platform.Housing.Domain.Rules;
using Platform.Housing.Domain.Scoring;

namespace Platform.Housing.Domain;

public sealed record RankedUnit(UnitEntry Unit, double Score);

public sealed record MatchResult(
    IReadOnlyList<RankedUnit> Fits, IReadOnlyList<UnitEntry> Excluded, int Considered, int FitCount, int ExcludedCount)
{
    /// <summary>"Why not?": each failing rule with how many explained excluded units failed it, most first.</summary>
    public IReadOnlyList<RuleCount> WhyNot { get; init; } = [];

    /// <summary>Excluded units that "why not?" explains (by default those with a vacancy in the window).</summary>
    public int ExplainedExcludedCount { get; init; }
}

public sealed record RuleCount(string Rule, int Count);

/// <summary>One unit, every rule and every score component: why it fits, or why not.</summary>
public sealed record PlacementExplanation(UnitEntry Unit, bool Fits, double Score, IReadOnlyList<RuleOutcome> Rules, IReadOnlyList<ScorePart> ScoreParts);

/// <summary>
/// Ranks units for a person: a unit that fails any hard rule is never ranked; those that pass are
/// ordered by the soft score (ties by unit id, so the order is stable).
/// </summary>
public sealed class PlacementMatcher(SoftScorer scorer)
{
    private readonly HardRule[] _rules = [.. HardRules.All];

    public SoftScorer Scorer => scorer;

    /// <param name="excludedTake">How many excluded units to return for "why not?" (0: none, and no counts).</param>
    /// <param name="explainWithoutVacancy">
    /// Also explain units with no vacancy in the window: by default "why not?" is about placements she
    /// could have been offered, not every unit in the catalogue.
    /// </param>
    public MatchResult Rank(MatchSubject who, ReadOnlySpan<UnitEntry> units, int take, int excludedTake, bool explainWithoutVacancy = false)
    {
        var rules = _rules.Where(rule => rule.CanFail(who)).ToArray();
        var best = new PriorityQueue<RankedUnit, RankedUnit>(take + 1, WorstFirst.Instance);
        var excluded = new List<UnitEntry>(Math.Min(excludedTake, 64));
        var failures = new int[rules.Length];
        var explained = 0;
        var fits = 0;
        foreach (var unit in units)
        {
            if (!PassesAll(rules, who, unit))
            {
                if (excludedTake > 0 && (explainWithoutVacancy || unit.Vacancy?.IsInWindowAt(who.Now) == true))
                {
                    explained++;
                    CountFailures(rules, who, unit, failures);
                    if (excluded.Count < excludedTake)
                    {
                        excluded.Add(unit);
                    }
                }
                continue;
            }
            fits++;
            var score = scorer.Score(who, unit);
            // Only a unit that beats the worst of a full page allocates an entry.
            if (best.Count == take && (take == 0 || Compare(score, unit, best.Peek()) <= 0))
            {
                continue;
            }
            var ranked = new RankedUnit(unit, score);
            best.Enqueue(ranked, ranked);
            if (best.Count > take)
            {
                best.Dequeue();
            }
        }
        var ordered = new RankedUnit[best.Count];
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            ordered[i] = best.Dequeue();
        }
        var whyNot = rules.Select((rule, i) => new RuleCount(rule.Name, failures[i])).Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count).ToList();
        return new MatchResult(ordered, excluded, units.Length, fits, units.Length - fits) { WhyNot = whyNot, ExplainedExcludedCount = explained };
    }

    private static void CountFailures(HardRule[] rules, MatchSubject who, UnitEntry unit, int[] failures)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            if (!rules[i].Passes(who, unit))
            {
                failures[i]++;
            }
        }
    }

    public bool PassesAll(MatchSubject who, UnitEntry unit) => PassesAll(_rules, who, unit);

    private static bool PassesAll(HardRule[] rules, MatchSubject who, UnitEntry unit)
    {
        foreach (var rule in rules)
        {
            if (!rule.Passes(who, unit))
            {
                return false;
            }
        }
        return true;
    }

    public PlacementExplanation Explain(MatchSubject who, UnitEntry unit)
    {
        var outcomes = _rules.Select(rule => rule.Check(who, unit)).ToList();
        var fits = outcomes.TrueForAll(o => o.Passed);
        return new PlacementExplanation(unit, fits, fits ? scorer.Score(who, unit) : 0, outcomes, scorer.Explain(who, unit));
    }

    /// <summary>The rules the unit fails, ignoring those named (e.g. the vacancy rule when the offer itself decides the vacancy).</summary>
    public IReadOnlyList<RuleOutcome> Failures(MatchSubject who, UnitEntry unit, params string[] ignoring) =>
        _rules.Where(rule => !ignoring.Contains(rule.Name) && !rule.Passes(who, unit)).Select(rule => rule.Check(who, unit)).ToList();

    private static int Compare(double score, UnitEntry unit, RankedUnit other)
    {
        var byScore = score.CompareTo(other.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(other.Unit.UnitId, unit.UnitId);
    }

    /// <summary>Lowest score first (ties: the larger id first), so the queue drops the worst.</summary>
    private sealed class WorstFirst : IComparer<RankedUnit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(RankedUnit? x, RankedUnit? y) => PlacementMatcher.Compare(x!.Score, x.Unit, y!);
    }
}
