using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>The safeguarding service seen from outside: callers with no relationship, or a relationship but no part in the record.</summary>
public sealed class AccessTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private const string BreakGlassReason = "Police welfare check: reported missing tonight";

    private async Task<(string PersonId, Concern Concern, DashAssessment Assessment)> RecordsAsync()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, "housing-bristol");
        var worker = fixture.As(SafeguardingFixture.Worker);
        var concern = await worker.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = SafeguardingFixture.Concern(personId) });
        var assessment = await worker.DomesticAbuse.RecordDashAssessmentAsync(new RecordDashAssessmentRequest
        {
            PersonId = personId, Responses = { DashScoringTests.Answers(12) },
        });
        return (personId, concern, assessment);
    }

    [Fact]
    public async Task An_outsider_is_refused_every_read_and_write_and_each_refusal_is_audited()
    {
        var (personId, concern, _) = await RecordsAsync();
        var outsider = fixture.As(SafeguardingFixture.Stranger);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => outsider.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => outsider.Concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = personId }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => outsider.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => outsider.DomesticAbuse.GetRiskSummaryAsync(new GetRiskSummaryRequest { PersonId = personId }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => outsider.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = SafeguardingFixture.Concern(personId) }));

        var audit = await fixture.AuditAsync(personId);
        Assert.Contains("safeguarding.concern.read Denied", audit);
        Assert.Contains("safeguarding.concern.list Denied", audit);
        Assert.Contains("safeguarding.dash.list Denied", audit);
        Assert.Contains("safeguarding.risk.read Denied", audit);
        Assert.Contains("safeguarding.concern.raise Denied", audit);
    }

    [Fact]
    public async Task An_auditor_reads_no_records()
    {
        var (personId, _, _) = await RecordsAsync();

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.Auditor()).Concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = personId }));
    }

    [Fact]
    public async Task An_involved_agency_outside_the_records_sees_that_they_exist_and_the_level_not_what_they_say()
    {
        var (personId, concern, assessment) = await RecordsAsync();
        var housing = fixture.As(Identity.HousingOfficer("housing-bristol", SafeguardingFixture.Bristol));

        var seen = await housing.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId });
        var assessments = await housing.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });

        Assert.True(seen.Restricted);
        Assert.Null(seen.Details);
        Assert.Null(seen.Decision);
        Assert.Empty(seen.Stages);
        Assert.Equal(Stage.Concern, seen.Stage);
        var shown = Assert.Single(assessments.Assessments);
        Assert.Equal((assessment.AssessmentId, RiskLevel.Medium, true), (shown.AssessmentId, shown.Level, shown.Restricted));
        Assert.Empty(shown.Responses);
        Assert.Equal(0, shown.Score);
    }

    [Fact]
    public async Task Break_glass_is_one_look_that_shows_no_details_and_never_decides_on_another_agencys_concern()
    {
        var (personId, concern, _) = await RecordsAsync();
        var police = fixture.As(SafeguardingFixture.Stranger, BreakGlassReason);
        var devonLead = fixture.As(Identity.SafeguardingLead("asc-devon", SafeguardingFixture.Devon), BreakGlassReason);

        var seen = await police.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId });
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => devonLead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.InformationGathering, Reason = "taking it on",
        }));

        Assert.True(seen.Restricted);
        Assert.Contains("safeguarding.concern.read BreakGlass", await fixture.AuditAsync(personId));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(SafeguardingFixture.Stranger).Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId }));
    }

    [Fact]
    public async Task The_area_safeguarding_lead_sees_the_details_and_decides()
    {
        var (_, concern, _) = await RecordsAsync();
        var lead = fixture.As(SafeguardingFixture.Lead);

        var seen = await lead.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId });
        var moved = await lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.InformationGathering, Reason = "checking with GP and police",
        });

        Assert.False(seen.Restricted);
        Assert.Equal(concern.Details, seen.Details);
        Assert.Equal(Stage.InformationGathering, moved.Stage);
        Assert.Equal("asc-bristol", moved.Stages.Last().Agency);
    }

    [Fact]
    public async Task An_incidents_description_is_kept_from_agencies_that_did_not_report_it()
    {
        var (personId, _, _) = await RecordsAsync();
        await fixture.As(SafeguardingFixture.Worker).DomesticAbuse.RecordIncidentAsync(new RecordIncidentRequest
        {
            Details = new IncidentDetails { PersonId = personId, OccurredAt = fixture.Now.AddDays(-1).ToTimestamp(), Description = "Sexual assault disclosed" },
        });

        var seen = await fixture.As(Identity.HousingOfficer("housing-bristol", SafeguardingFixture.Bristol)).DomesticAbuse
            .ListIncidentsAsync(new ListIncidentsRequest { PersonId = personId });

        var incident = Assert.Single(seen.Incidents);
        Assert.Equal("", incident.Details.Description);
        Assert.Equal(SafeguardingFixture.Outreach, incident.Details.ReportingAgency);
    }
}
