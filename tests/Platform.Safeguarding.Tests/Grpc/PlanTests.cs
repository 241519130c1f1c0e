using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

public sealed class PlanTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _lead = fixture.As(SafeguardingFixture.Lead);
    private readonly SafeguardingClient _idva = fixture.As(Identity.SupportWorker(SafeguardingFixture.Idva, SafeguardingFixture.Bristol));

    [Fact]
    public async Task A_plan_is_agreed_its_actions_done_reviewed_and_closed_with_an_event_at_each_milestone()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, SafeguardingFixture.Idva);

        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(personId));
        plan = await _idva.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = plan.Actions[0].ActionId, ExpectedVersion = plan.Version, Status = ActionStatus.Done,
            CompletionNote = "Safety plan agreed with her on 3rd",
        });
        plan = await _idva.Plans.AddActionAsync(new AddActionRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = plan.Version,
            Action = new PlanAction { Description = "Check on her at the hostel", OwnerAgency = SafeguardingFixture.Outreach, OwnerRole = "outreach worker", DueAt = fixture.Now.AddDays(3).ToTimestamp() },
        });
        plan = await _lead.Plans.RecordReviewAsync(new RecordReviewRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = plan.Version, Note = "Safer; still in contact with him", NextReviewAt = fixture.Now.AddDays(14).ToTimestamp(),
        });
        plan = await _lead.Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = plan.PlanId, ExpectedVersion = plan.Version, Reason = "Risk reduced; she moved to refuge" });

        Assert.Equal(PlanStatus.Closed, plan.Status);
        Assert.Equal([personId], plan.Members.Select(m => m.PersonId));
        Assert.Equal(MemberRole.AdultAtRisk, plan.Members[0].Role);
        Assert.Equal([ActionStatus.Done, ActionStatus.Cancelled], plan.Actions.Select(a => a.Status));
        Assert.Equal("Safety plan agreed with her on 3rd", plan.Actions[0].CompletionNote);
        Assert.Single(plan.Reviews);
        Assert.Equal("asc-bristol", plan.LeadAgency);
        Assert.Equal(SafeguardingFixture.Bristol, plan.Area);
        Assert.Equal(plan, await _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }));
        await fixture.Events.WaitForAsync<PlanAgreed>(e => e.PlanId == plan.PlanId && e.RiskLevel == RiskLevels.High && e.Area == SafeguardingFixture.Bristol);
        await fixture.Events.WaitForAsync<PlanReviewed>(e => e.PlanId == plan.PlanId && !e.Urgent);
        await fixture.Events.WaitForAsync<PlanClosed>(e => e.PlanId == plan.PlanId);
        Assert.DoesNotContain(fixture.Events.Of<ThinkFamilyReferralRaised>(), e => e.PlanId == plan.PlanId);
    }

    [Fact]
    public async Task A_household_plan_with_a_child_raises_a_think_family_referral_to_the_areas_childrens_services()
    {
        var personId = await fixture.PersonAsync();
        var partnerId = await fixture.PersonAsync();
        var childId = await fixture.PersonAsync();
        var request = fixture.Plan(personId);
        request.Members.Add(new PlanMember { PersonId = personId, Role = MemberRole.AdultAtRisk });
        request.Members.Add(new PlanMember { PersonId = partnerId, Role = MemberRole.Adult });
        request.Members.Add(new PlanMember { PersonId = childId, Role = MemberRole.Child });

        var plan = await _lead.Plans.AgreePlanAsync(request);
        var referral = await _lead.Referrals.GetReferralAsync(new GetReferralRequest { ReferralId = plan.ThinkFamilyReferralId });

        Assert.Equal([personId, partnerId, childId], plan.Members.Select(m => m.PersonId));
        Assert.Equal(
            (ReferralKind.ThinkFamily, ReferralStatus.Sent, SafeguardingFixture.Bristol, "childrens-services", plan.PlanId, personId),
            (referral.Kind, referral.Status, referral.ToArea, referral.ToService, referral.PlanId, referral.PersonId));
        await fixture.Events.WaitForAsync<ThinkFamilyReferralRaised>(e =>
            e.ReferralId == referral.ReferralId && e.ChildIds.SequenceEqual([childId]) && e.Area == SafeguardingFixture.Bristol);
        await fixture.Events.WaitForAsync<PlanAgreed>(e => e.PlanId == plan.PlanId && e.MemberIds.Count == 3);
        var listed = await _lead.Plans.ListPlansAsync(new ListPlansRequest { PersonId = childId });
        Assert.Equal([plan.PlanId], listed.Plans.Select(p => p.PlanId));
    }

    [Fact]
    public async Task A_household_plan_of_adults_only_raises_no_referral()
    {
        var personId = await fixture.PersonAsync();
        var request = fixture.Plan(personId);
        request.Members.Add(new PlanMember { PersonId = await fixture.PersonAsync(), Role = MemberRole.Adult });

        var plan = await _lead.Plans.AgreePlanAsync(request);

        Assert.Equal("", plan.ThinkFamilyReferralId);
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM referrals WHERE plan_id = @PlanId", new { plan.PlanId }));
    }

    [Fact]
    public async Task A_stale_version_is_aborted_and_a_closed_plan_does_not_change()
    {
        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync()));
        var review = new RecordReviewRequest { PlanId = plan.PlanId, ExpectedVersion = plan.Version, Note = "first", NextReviewAt = fixture.Now.AddDays(10).ToTimestamp() };
        await _lead.Plans.RecordReviewAsync(review);

        await Rpc.FailsWith(StatusCode.Aborted, () => _lead.Plans.RecordReviewAsync(review));
        var current = await _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId });
        var closed = await _lead.Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = plan.PlanId, ExpectedVersion = current.Version, Reason = "done" });
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _lead.Plans.AddActionAsync(new AddActionRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = closed.Version,
            Action = new PlanAction { Description = "x", OwnerAgency = "a", OwnerRole = "r", DueAt = fixture.Now.AddDays(1).ToTimestamp() },
        }));
    }

    [Fact]
    public async Task Only_a_safeguarding_lead_agrees_reviews_and_closes_a_plan()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, SafeguardingFixture.Idva);
        var worker = fixture.As(SafeguardingFixture.Worker);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => worker.Plans.AgreePlanAsync(fixture.Plan(personId)));
        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(personId));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _idva.Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = plan.PlanId, ExpectedVersion = plan.Version, Reason = "x" }));

        Assert.Contains("safeguarding.plan.agree Denied", await fixture.AuditAsync(personId));
    }
}
