using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.DomesticAbuse;

/// <summary>A checklist scored: the "yes" count, the level it gives, and the level that stands.</summary>
public sealed record DashResult(int Score, RiskLevel ScoredLevel, RiskLevel Judgement, RiskLevel Level)
{
    /// <summary>The assessor's judgement, not the score, made the level high.</summary>
    public bool JudgementRaisedToHigh => Level == RiskLevel.High && ScoredLevel != RiskLevel.High;
}

/// <summary>
/// DASH scoring: each "yes" scores one ("no" and "not known" score nothing); 14 or more is high,
/// 10 to 13 medium, fewer standard (configurable). Professional judgement may raise the level,
/// with a reason, and never lower it. Every question of the checklist is answered once.
/// </summary>
public sealed class DashScoring(DashQuestionSet checklist, DomesticAbuseOptions options)
{
    public const int MaximumReasonLength = 2000;

    public RiskLevel LevelFor(int score) =>
        score >= options.HighThreshold ? RiskLevel.High
        : score >= options.MediumThreshold ? RiskLevel.Medium
        : RiskLevel.Standard;

    /// <summary>Scores the answers, adding every violation to <paramref name="v"/>; null when there are any.</summary>
    public DashResult? Score(Validator v, IReadOnlyList<DashResponse> responses, RiskLevel judgement, string judgementReason)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < responses.Count; i++)
        {
            var field = $"responses[{i}]";
            if (!checklist.Has(responses[i].QuestionId))
            {
                v.Add(field + ".question_id", $"is not a question of the checklist ({checklist.Version})");
                continue;
            }
            v.Check(answered.Add(responses[i].QuestionId), field + ".question_id", "is answered twice");
            v.KnownEnum(responses[i].Answer, field + ".answer");
        }
        var missing = checklist.Questions.Select(q => q.Id).Where(id => !answered.Contains(id)).ToList();
        v.Check(missing.Count == 0, "responses", $"must answer every question (yes, no or not known); missing: {string.Join(", ", missing)}");
        if (judgement != RiskLevel.Unspecified)
        {
            v.KnownEnum(judgement, "professional_judgement");
            v.Required(judgementReason, "judgement_reason", MaximumReasonLength);
        }
        if (!v.IsValid)
        {
            return null;
        }
        var score = responses.Count(r => r.Answer == DashAnswer.Yes);
        var scored = LevelFor(score);
        if (judgement != RiskLevel.Unspecified && judgement < scored)
        {
            v.Add("professional_judgement", $"may raise the level, never lower it: the score of {score} gives {Word(scored)}");
            return null;
        }
        var level = judgement > scored ? judgement : scored;
        return new DashResult(score, scored, judgement, level);
    }

    public static string Word(RiskLevel level) => level switch
    {
        RiskLevel.High => IntegrationEvents.Safeguarding.RiskLevels.High,
        RiskLevel.Medium => IntegrationEvents.Safeguarding.RiskLevels.Medium,
        _ => IntegrationEvents.Safeguarding.RiskLevels.Standard,
    };

    public static RiskLevel Level(string? word) => word switch
    {
        IntegrationEvents.Safeguarding.RiskLevels.High => RiskLevel.High,
        IntegrationEvents.Safeguarding.RiskLevels.Medium => RiskLevel.Medium,
        IntegrationEvents.Safeguarding.RiskLevels.Standard => RiskLevel.Standard,
        _ => RiskLevel.Unspecified,
    };
}
