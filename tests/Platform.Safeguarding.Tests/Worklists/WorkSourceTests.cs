using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Safeguarding.V1;
using Platform.Safeguarding.Worklists;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Worklists;

/// <summary>
/// The plan and referral kinds of work, read straight from each source at a fixed instant. Each test
/// works in an area and agency of its own, so what it finds is only what it made.
/// </summary>
public sealed class WorkSourceTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private static int _areas = 100;

    private static (string Agency, string Area) NewTeam()
    {
        var n = Interlocked.Increment(ref _areas);
        return ($"asc-test-{n}", $"E06{n:000000}");
    }

    private IWorkSource Source(WorkKind kind) => fixture.Host.Services.GetServices<IWorkSource>().Single(s => s.Kind == kind);

    private async Task<IReadOnlyList<WorkItemRow>> ReadAsync(WorkKind kind, WorkScope scope, DateTimeOffset now, WorkPosition? after = null, int limit = 50)
    {
        await using var db = await fixture.Host.Service<SafeguardingDatabase>().OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        return await Source(kind).ReadAsync(db, tx, scope, now, after, limit, CancellationToken.None);
    }

    private async Task<(SafeguardingClient Lead, string Agency, string Area)> TeamAsync()
    {
        var (agency, area) = NewTeam();
        return (fixture.As(Identity.SafeguardingLead(agency, area)), agency, area);
    }

    [Fact]
    public async Task Overdue_actions_are_the_open_ones_past_due_by_owner_and_by_area_in_due_order_a_page_at_a_time()
    {
        var (lead, agency, area) = await TeamAsync();
        var personId = await fixture.PersonAsync(agency);
        var plan = await lead.Plans.AgreePlanAsync(fixture.PlanWithActions(personId, "gp-test", 1, 3, 5, 20));
        await lead.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = plan.Actions[1].ActionId, ExpectedVersion = plan.Version, Status = ActionStatus.Done, CompletionNote = "done",
        });
        var now = fixture.Now.AddDays(10);

        var byArea = await ReadAsync(WorkKind.OverdueAction, new WorkScope(null, area), now);
        var byOwner = await ReadAsync(WorkKind.OverdueAction, new WorkScope("gp-test", null), now);
        var firstPage = await ReadAsync(WorkKind.OverdueAction, new WorkScope(null, area), now, limit: 1);
        var secondPage = await ReadAsync(WorkKind.OverdueAction, new WorkScope(null, area), now, new WorkPosition(firstPage[0].DueAt, firstPage[0].RecordId), 1);

        Assert.Equal([plan.Actions[0].ActionId, plan.Actions[2].ActionId], byArea.Select(i => i.RecordId));
        Assert.All(byArea, i => Assert.Equal((WorkKind.OverdueAction, personId, "gp-test", area), (i.Kind, i.PersonId, i.Agency, i.Area)));
        Assert.Equal("Action overdue: key worker, gp-test", byArea[0].Summary);
        Assert.Contains(plan.Actions[0].ActionId, byOwner.Select(i => i.RecordId));
        Assert.Equal([plan.Actions[2].ActionId], secondPage.Select(i => i.RecordId));
        Assert.Empty(await ReadAsync(WorkKind.OverdueAction, new WorkScope(null, area), fixture.Now));
    }

    [Fact]
    public async Task Reviews_due_are_open_plans_whose_review_date_came_or_that_were_flagged_urgent()
    {
        var (lead, agency, area) = await TeamAsync();
        var first = await lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync(agency)));
        var flaggedPerson = await fixture.PersonAsync(agency);
        var flagged = await lead.Plans.AgreePlanAsync(fixture.Plan(flaggedPerson));
        var closed = await lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync(agency)));
        await lead.Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = closed.PlanId, ExpectedVersion = closed.Version, Reason = "closed" });
        await fixture.Host.Bus.Publish(new IntegrationEvents.Engagement.DisengagementDetected
        {
            EpisodeId = Guid.NewGuid().ToString(), PersonId = flaggedPerson, Rule = "consecutive-attempts", RiskLevel = "high", OccurredAt = fixture.Now,
        });
        await Eventually.TrueAsync(async () => (await ReadAsync(WorkKind.ReviewDue, new WorkScope(null, area), fixture.Now.AddMinutes(1))).Count == 1);

        var now = fixture.Now.AddMinutes(1);
        var urgentOnly = await ReadAsync(WorkKind.ReviewDue, new WorkScope(null, area), now);
        var afterReviewDate = await ReadAsync(WorkKind.ReviewDue, new WorkScope(agency, null), fixture.Now.AddDays(29));

        Assert.Equal(flagged.PlanId, Assert.Single(urgentOnly).RecordId);
        Assert.Equal("Urgent plan review: Disengagement detected (consecutive-attempts)", urgentOnly[0].Summary);
        Assert.Equal([flagged.PlanId, first.PlanId], afterReviewDate.Select(i => i.RecordId));
        Assert.Equal("Plan review due", afterReviewDate[1].Summary);
    }

    [Fact]
    public async Task Unanswered_referrals_are_those_still_only_sent_once_their_answer_is_due_on_the_receiving_side()
    {
        var (lead, agency, area) = await TeamAsync();
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var personId = await fixture.PersonAsync(agency, "dap-test");
        var child = await fixture.PersonAsync(agency);
        var household = fixture.Plan(personId);
        household.Members.Add(new PlanMember { PersonId = child, Role = MemberRole.Child });
        var plan = await lead.Plans.AgreePlanAsync(household);
        var toAgency = await worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = ReferralKind.Other, ToAgency = "dap-test", Reason = "alcohol" });
        var answered = await worker.Referrals.SendReferralAsync(new SendReferralRequest { PersonId = personId, Kind = ReferralKind.Other, ToAgency = "dap-test", Reason = "alcohol" });
        await fixture.As(Identity.SupportWorker("dap-test", area)).Referrals.RespondToReferralAsync(new RespondToReferralRequest
        {
            ReferralId = answered.ReferralId, ExpectedVersion = answered.Version, Status = ReferralStatus.Acknowledged,
        });

        var notYet = await ReadAsync(WorkKind.ReferralUnanswered, new WorkScope(null, area), fixture.Now.AddDays(4));
        var byArea = await ReadAsync(WorkKind.ReferralUnanswered, new WorkScope(null, area), fixture.Now.AddDays(6));
        var byAgency = await ReadAsync(WorkKind.ReferralUnanswered, new WorkScope("dap-test", null), fixture.Now.AddDays(6));

        Assert.Empty(notYet);
        var thinkFamily = Assert.Single(byArea);
        Assert.Equal((plan.ThinkFamilyReferralId, "childrens-services", area), (thinkFamily.RecordId, thinkFamily.Agency, thinkFamily.Area));
        Assert.Equal($"Referral (think-family) from {agency} unanswered", thinkFamily.Summary);
        Assert.Equal([toAgency.ReferralId], byAgency.Select(i => i.RecordId));
    }

    private static Task<Concern> DecideAsync(SafeguardingClient lead, Concern concern, EnquiryDecision decision, CapacitousRefusal? refusal = null) =>
        lead.Concerns.RecordSection42DecisionAsync(new RecordSection42DecisionRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Test = Domain.Section42RuleTests.Test(true, true, true),
            Decision = decision, Reason = decision == EnquiryDecision.Section42 ? "" : "she has capacity to decide and declines",
            CapacitousRefusal = refusal,
        }).ResponseAsync;

    [Fact]
    public async Task Concerns_await_a_decision_from_when_they_are_raised_due_two_days_later_until_one_is_recorded()
    {
        var (lead, agency, area) = await TeamAsync();
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var personId = await fixture.PersonAsync(agency);
        var older = await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddDays(-3));
        var newer = await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddHours(-1));
        var decided = await DecideAsync(lead, await SafeguardingFixture.RaiseAsync(worker, personId, fixture.Now.AddDays(-5)), EnquiryDecision.Section42);

        var byArea = await ReadAsync(WorkKind.ConcernAwaitingDecision, new WorkScope(null, area), fixture.Now);
        var byAgency = await ReadAsync(WorkKind.ConcernAwaitingDecision, new WorkScope(agency, null), fixture.Now);
        var secondPage = await ReadAsync(WorkKind.ConcernAwaitingDecision, new WorkScope(null, area), fixture.Now,
            new WorkPosition(byArea[0].DueAt, byArea[0].RecordId), 1);

        Assert.Equal([older.ConcernId, newer.ConcernId], byArea.Select(i => i.RecordId));
        Assert.DoesNotContain(decided.ConcernId, byAgency.Select(i => i.RecordId));
        Assert.Equal(byArea.Select(i => i.RecordId), byAgency.Select(i => i.RecordId));
        Assert.Equal(older.Details.RaisedAt.ToDateTimeOffset().AddDays(2), byArea[0].DueAt);
        Assert.Equal($"Concern raised by {agency} awaiting the section 42 decision", byArea[0].Summary);
        Assert.Equal([newer.ConcernId], secondPage.Select(i => i.RecordId));
    }

    [Fact]
    public async Task A_follow_up_set_on_a_capacitous_refusal_is_due_from_its_date_for_the_listed_days()
    {
        var (lead, agency, area) = await TeamAsync();
        var worker = fixture.As(Identity.SupportWorker(agency, area));
        var concern = await SafeguardingFixture.RaiseAsync(worker, await fixture.PersonAsync(agency), fixture.Now.AddHours(-2));
        await DecideAsync(lead, concern, EnquiryDecision.NoFurtherAction, new CapacitousRefusal
        {
            RisksExplained = "that the violence may get worse", SupportOffered = "IDVA and a refuge place", FollowUpAt = fixture.Now.AddDays(14).ToTimestamp(),
        });

        var before = await ReadAsync(WorkKind.FollowUpDue, new WorkScope(null, area), fixture.Now.AddDays(13));
        var due = await ReadAsync(WorkKind.FollowUpDue, new WorkScope(agency, null), fixture.Now.AddDays(15));
        var lastDay = await ReadAsync(WorkKind.FollowUpDue, new WorkScope(null, area), fixture.Now.AddDays(14 + 27));
        var gone = await ReadAsync(WorkKind.FollowUpDue, new WorkScope(null, area), fixture.Now.AddDays(14 + 29));

        Assert.Empty(before);
        var item = Assert.Single(due);
        Assert.Equal((concern.ConcernId, agency, area, fixture.Now.AddDays(14)), (item.RecordId, item.Agency, item.Area, item.DueAt));
        Assert.Single(lastDay);
        Assert.Empty(gone);
        Assert.Empty(await ReadAsync(WorkKind.ConcernAwaitingDecision, new WorkScope(null, area), fixture.Now));
    }
}
