using Grpc.Core;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>
/// A plan's risks, actions, members and reviews are special-category details: safeguarding leads and the
/// agencies named on the plan see them; others who may see her see that a plan exists, its lead and its level.
/// </summary>
public sealed class PlanAccessTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private const string Housing = "housing-bristol";

    private async Task<(string PersonId, Plan Plan)> PlanAsync()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, SafeguardingFixture.Idva, Housing);
        var request = fixture.Plan(personId);
        request.Members.Add(new PlanMember { PersonId = personId, Role = MemberRole.AdultAtRisk });
        request.Members.Add(new PlanMember { PersonId = await fixture.PersonAsync(), Role = MemberRole.Child });
        return (personId, await fixture.As(SafeguardingFixture.Lead).Plans.AgreePlanAsync(request));
    }

    [Fact]
    public async Task An_involved_agency_not_named_on_the_plan_sees_that_it_exists_its_lead_and_its_level_only()
    {
        var (personId, plan) = await PlanAsync();
        var housing = fixture.As(Identity.HousingOfficer(Housing, SafeguardingFixture.Bristol));

        var seen = await housing.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId });
        var listed = await housing.Plans.ListPlansAsync(new ListPlansRequest { PersonId = personId });

        Assert.True(seen.Restricted);
        Assert.Equal((plan.PlanId, "asc-bristol", "Sam Social Worker", RiskLevel.High, PlanStatus.Open),
            (seen.PlanId, seen.LeadAgency, seen.LeadProfessional, seen.Level, seen.Status));
        Assert.Empty(seen.Risks);
        Assert.Empty(seen.Actions);
        Assert.Empty(seen.Members);
        Assert.Empty(seen.Participants);
        Assert.Empty(seen.Reviews);
        Assert.Equal("", seen.FamilyInvolvement);
        Assert.Equal("", seen.ThinkFamilyReferralId);
        Assert.Equal(seen, Assert.Single(listed.Plans));
    }

    [Fact]
    public async Task A_named_agency_and_a_safeguarding_lead_of_the_area_see_the_whole_plan()
    {
        var (_, plan) = await PlanAsync();

        var idva = await fixture.As(Identity.SupportWorker(SafeguardingFixture.Idva, SafeguardingFixture.Bristol)).Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId });
        var otherLead = await fixture.As(Identity.SafeguardingLead("police-safeguarding-bristol", SafeguardingFixture.Bristol)).Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId });

        Assert.False(idva.Restricted);
        Assert.Equal(plan.Risks, idva.Risks);
        Assert.Equal(plan, otherLead);
    }

    [Fact]
    public async Task An_agency_not_named_does_not_change_the_plan_and_an_outsider_is_refused()
    {
        var (personId, plan) = await PlanAsync();

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.HousingOfficer(Housing, SafeguardingFixture.Bristol)).Plans
            .UpdateActionAsync(new UpdateActionRequest { PlanId = plan.PlanId, ActionId = plan.Actions[0].ActionId, ExpectedVersion = plan.Version, Status = ActionStatus.Cancelled, CompletionNote = "x" }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(SafeguardingFixture.Stranger).Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }));

        var audit = await fixture.AuditAsync(personId);
        Assert.Contains("safeguarding.plan.action.update Denied", audit);
        Assert.Contains("safeguarding.plan.read Denied", audit);
    }

    [Fact]
    public async Task An_agency_named_on_her_open_plan_sees_her_dash_answers_and_loses_them_when_the_plan_closes()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, Housing);
        await fixture.As(SafeguardingFixture.Worker).DomesticAbuse.RecordDashAssessmentAsync(new RecordDashAssessmentRequest
        {
            PersonId = personId, Responses = { DashScoringTests.Answers(15) },
        });
        var housing = fixture.As(Identity.HousingOfficer(Housing, SafeguardingFixture.Bristol));
        var before = await housing.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });
        var request = fixture.Plan(personId);
        request.Participants.Add(new Participant { Kind = ParticipantKind.Agency, Agency = Housing });
        var plan = await fixture.As(SafeguardingFixture.Lead).Plans.AgreePlanAsync(request);

        var named = await housing.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });
        await fixture.As(SafeguardingFixture.Lead).Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = plan.PlanId, ExpectedVersion = plan.Version, Reason = "closed" });
        var after = await housing.DomesticAbuse.ListDashAssessmentsAsync(new ListDashAssessmentsRequest { PersonId = personId });

        Assert.True(Assert.Single(before.Assessments).Restricted);
        Assert.Equal((false, 24), (named.Assessments[0].Restricted, named.Assessments[0].Responses.Count));
        Assert.True(Assert.Single(after.Assessments).Restricted);
    }
}
