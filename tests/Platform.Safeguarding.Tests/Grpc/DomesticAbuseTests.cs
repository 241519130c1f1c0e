using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

public sealed class DomesticAbuseTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _worker = fixture.As(SafeguardingFixture.Worker);

    private Task<Incident> IncidentAsync(string personId, int daysAgo, string? perpetrator = null) =>
        _worker.DomesticAbuse.RecordIncidentAsync(new RecordIncidentRequest
        {
            Details = new IncidentDetails
            {
                PersonId = personId, OccurredAt = fixture.Now.AddDays(-daysAgo).ToTimestamp(), Description = "Assault at home",
                AllegedPerpetratorId = perpetrator ?? "", Categories = { AbuseCategory.Domestic, AbuseCategory.Physical },
            },
        }).ResponseAsync;

    private Task<DashAssessment> AssessAsync(string personId, int yes, RiskLevel judgement = RiskLevel.Unspecified) =>
        _worker.DomesticAbuse.RecordDashAssessmentAsync(new RecordDashAssessmentRequest
        {
            PersonId = personId, Responses = { DashScoringTests.Answers(yes) }, ProfessionalJudgement = judgement,
            JudgementReason = judgement == RiskLevel.Unspecified ? "" : "threats to kill disclosed",
        }).ResponseAsync;

    [Fact]
    public async Task The_checklist_has_24_questions_with_stable_ids_and_the_thresholds()
    {
        var checklist = await _worker.DomesticAbuse.GetDashChecklistAsync(new GetDashChecklistRequest());

        Assert.Equal(24, checklist.Questions.Count);
        Assert.Equal("dash-12", checklist.Questions[11].QuestionId);
        Assert.Equal(14, checklist.HighThreshold);
        Assert.Equal(10, checklist.MediumThreshold);
    }

    [Fact]
    public async Task Three_incidents_and_a_high_assessment_recommend_marac_and_publish_the_new_risk_level()
    {
        var personId = await fixture.PersonAsync();
        var perpetrator = await fixture.PersonAsync();
        await IncidentAsync(personId, 200, perpetrator);
        await IncidentAsync(personId, 100, perpetrator);
        var third = await IncidentAsync(personId, 1, perpetrator);

        var assessment = await AssessAsync(personId, 15);

        Assert.Equal(RiskLevel.High, assessment.Level);
        Assert.Equal(15, assessment.Score);
        Assert.True(assessment.Marac.Recommended);
        Assert.Equal([MaracCriterion.VisibleHighRisk, MaracCriterion.PotentialEscalation], assessment.Marac.Criteria);
        await fixture.Events.WaitForAsync<MaracReferralRecommended>(e => e.IncidentId == third.IncidentId && e.Criteria.Contains("potential-escalation"));
        await fixture.Events.WaitForAsync<MaracReferralRecommended>(e => e.AssessmentId == assessment.AssessmentId);
        var changed = await fixture.Events.WaitForAsync<RiskLevelChanged>(e => e.PersonId == personId);
        Assert.Equal(("high", null, SafeguardingFixture.Outreach), (changed.RiskLevel, changed.PreviousRiskLevel, changed.Agency));
    }

    [Fact]
    public async Task The_marac_reasons_read_back_as_recorded_and_only_to_those_who_see_the_assessments_details()
    {
        var personId = await fixture.PersonAsync();
        var recorded = await AssessAsync(personId, 15);

        var listed = await _worker.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });
        var summary = await _worker.DomesticAbuse.GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = personId });
        var levelOnly = await fixture.As(Identity.HousingOfficer("housing-bristol", SafeguardingFixture.Bristol)).DomesticAbuse
            .GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = personId });

        Assert.StartsWith("visible high risk: 15 \"yes\" answers", Assert.Single(recorded.Marac.Reasons), StringComparison.Ordinal);
        Assert.Equal(recorded.Marac, Assert.Single(listed.Assessments).Marac);
        Assert.Equal(recorded.Marac, summary.Marac);
        Assert.Equal(new MaracRecommendation { Recommended = true }, levelOnly.Marac);
    }

    [Fact]
    public async Task A_new_assessment_supersedes_the_last_and_history_is_kept()
    {
        var personId = await fixture.PersonAsync();
        var first = await AssessAsync(personId, 11);
        var second = await AssessAsync(personId, 4, RiskLevel.High);

        var history = await _worker.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });
        var summary = await _worker.DomesticAbuse.GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = personId });

        Assert.Equal([second.AssessmentId, first.AssessmentId], history.Assessments.Select(a => a.AssessmentId));
        Assert.Equal(second.AssessmentId, history.Assessments[1].SupersededByAssessmentId);
        Assert.Equal(RiskLevel.High, summary.Level);
        Assert.Equal([MaracCriterion.ProfessionalJudgement], second.Marac.Criteria);
        await fixture.Events.WaitForAsync<RiskLevelChanged>(e => e.PersonId == personId && e.RiskLevel == "high" && e.PreviousRiskLevel == "medium");
    }

    [Fact]
    public async Task An_incident_within_twelve_months_of_a_marac_referral_is_a_repeat_and_flagged()
    {
        var personId = await fixture.PersonAsync();
        var referral = await _worker.DomesticAbuse.RecordMaracReferralAsync(new RecordMaracReferralRequest
        {
            PersonId = personId, Criterion = MaracCriterion.ProfessionalJudgement, ReferredAt = fixture.Now.AddMonths(-2).ToTimestamp(),
        });
        referral = await _worker.DomesticAbuse.RecordMaracMeetingAsync(new RecordMaracMeetingRequest
        {
            MaracReferralId = referral.MaracReferralId, ExpectedVersion = referral.Version, MeetingAt = fixture.Now.AddMonths(-1).ToTimestamp(),
            Note = "safety plan agreed",
        });

        var incident = await IncidentAsync(personId, 3);
        var summary = await _worker.DomesticAbuse.GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = personId });

        Assert.True(incident.RepeatAfterMarac);
        Assert.True(summary.MaracRepeatWindow);
        Assert.Equal(2, referral.Version);
        await fixture.Events.WaitForAsync<MaracReferralRecommended>(e => e.IncidentId == incident.IncidentId && e.Criteria.SequenceEqual(["repeat"]));
    }

    [Fact]
    public async Task A_lowering_judgement_missing_answers_and_an_unknown_perpetrator_are_refused_and_nothing_is_stored()
    {
        var personId = await fixture.PersonAsync();

        await Rpc.RejectsField("professional_judgement", () => _worker.DomesticAbuse.RecordDashAssessmentAsync(new RecordDashAssessmentRequest
        {
            PersonId = personId, Responses = { DashScoringTests.Answers(16) }, ProfessionalJudgement = RiskLevel.Medium, JudgementReason = "she says it is calmer",
        }));
        await Rpc.RejectsField("responses", () => _worker.DomesticAbuse.RecordDashAssessmentAsync(new RecordDashAssessmentRequest
        {
            PersonId = personId, Responses = { DashScoringTests.Answers(16).Take(20) },
        }));
        await Rpc.RejectsField("details.alleged_perpetrator_id", () => _worker.DomesticAbuse.RecordIncidentAsync(new RecordIncidentRequest
        {
            Details = new IncidentDetails
            {
                PersonId = personId, OccurredAt = fixture.Now.ToTimestamp(), Description = "x", AllegedPerpetratorId = Guid.NewGuid().ToString(),
            },
        }));

        Assert.Equal(0, await fixture.ScalarAsync<int>(
            "SELECT (SELECT COUNT(*) FROM dash_assessments WHERE person_id = @PersonId) + (SELECT COUNT(*) FROM incidents WHERE person_id = @PersonId)",
            new { PersonId = personId }));
    }
}
