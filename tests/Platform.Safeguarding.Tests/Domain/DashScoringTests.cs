using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Domain;

public sealed class DashScoringTests
{
    private static readonly DashQuestionSet Checklist = DashQuestionSet.Load(null);

    private readonly DashScoring _scoring = new(Checklist, new DomesticAbuseOptions());

    /// <summary>Every question answered: the first <paramref name="yes"/> "yes", then "not known" and "no" alternately.</summary>
    public static List<DashResponse> Answers(int yes) => Checklist.Questions.Select((q, i) => new DashResponse
    {
        QuestionId = q.Id, Answer = i < yes ? DashAnswer.Yes : i % 2 == 0 ? DashAnswer.NotKnown : DashAnswer.No,
    }).ToList();

    private DashResult Score(int yes, RiskLevel judgement = RiskLevel.Unspecified, string reason = "")
    {
        var v = new Validator();
        var result = _scoring.Score(v, Answers(yes), judgement, reason);
        v.ThrowIfInvalid();
        return result!;
    }

    [Fact]
    public void The_built_in_checklist_has_the_24_questions_with_stable_ids()
    {
        Assert.Equal(24, Checklist.Questions.Count);
        Assert.Equal("dash-01", Checklist.Questions[0].Id);
        Assert.Equal("dash-24", Checklist.Questions[23].Id);
        Assert.Equal(Enumerable.Range(1, 24), Checklist.Questions.Select(q => q.Number));
    }

    [Theory]
    [InlineData(0, RiskLevel.Standard)]
    [InlineData(9, RiskLevel.Standard)]
    [InlineData(10, RiskLevel.Medium)]
    [InlineData(13, RiskLevel.Medium)]
    [InlineData(14, RiskLevel.High)]
    [InlineData(24, RiskLevel.High)]
    public void Yes_answers_give_the_level_at_and_around_each_threshold(int yes, RiskLevel level)
    {
        var result = Score(yes);

        Assert.Equal(yes, result.Score);
        Assert.Equal(level, result.ScoredLevel);
        Assert.Equal(level, result.Level);
    }

    [Fact]
    public void Not_known_scores_nothing()
    {
        var answers = Checklist.Questions.Select(q => new DashResponse { QuestionId = q.Id, Answer = DashAnswer.NotKnown }).ToList();
        var v = new Validator();

        Assert.Equal(0, _scoring.Score(v, answers, RiskLevel.Unspecified, "")!.Score);
    }

    [Fact]
    public void The_thresholds_are_configurable()
    {
        var scoring = new DashScoring(Checklist, new DomesticAbuseOptions { HighThreshold = 12, MediumThreshold = 8 });

        Assert.Equal(RiskLevel.High, scoring.LevelFor(12));
        Assert.Equal(RiskLevel.Medium, scoring.LevelFor(8));
        Assert.Equal(RiskLevel.Standard, scoring.LevelFor(7));
    }

    [Fact]
    public void Professional_judgement_raises_the_level_with_a_reason()
    {
        var result = Score(5, RiskLevel.High, "strangulation disclosed after the checklist");

        Assert.Equal(RiskLevel.Standard, result.ScoredLevel);
        Assert.Equal(RiskLevel.High, result.Level);
        Assert.True(result.JudgementRaisedToHigh);
    }

    [Fact]
    public void Professional_judgement_never_lowers_the_level()
    {
        var v = new Validator();

        Assert.Null(_scoring.Score(v, Answers(15), RiskLevel.Medium, "she says it is better now"));
        var error = Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid);
        Assert.Equal("professional_judgement", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_judgement_without_a_reason_is_refused()
    {
        var v = new Validator();
        _scoring.Score(v, Answers(3), RiskLevel.Medium, "");

        Assert.Contains(Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid).Violations, x => x.Field == "judgement_reason");
    }

    [Fact]
    public void Missing_unknown_and_repeated_questions_and_unknown_answers_are_each_named()
    {
        var answers = Answers(3);
        answers.RemoveAt(23);
        answers[0] = new DashResponse { QuestionId = "dash-99", Answer = DashAnswer.Yes };
        answers[1] = new DashResponse { QuestionId = "dash-03", Answer = DashAnswer.Yes };
        answers[5] = new DashResponse { QuestionId = answers[5].QuestionId, Answer = (DashAnswer)7 };
        var v = new Validator();

        Assert.Null(_scoring.Score(v, answers, RiskLevel.Unspecified, ""));
        var fields = Assert.Throws<InvalidArgumentException>(v.ThrowIfInvalid).Violations.Select(x => x.Field).ToList();

        Assert.Contains("responses[0].question_id", fields);
        Assert.Contains("responses[2].question_id", fields); // dash-03 answered twice
        Assert.Contains("responses[5].answer", fields);
        Assert.Contains("responses", fields); // dash-01, dash-02 and dash-24 missing
    }
}
