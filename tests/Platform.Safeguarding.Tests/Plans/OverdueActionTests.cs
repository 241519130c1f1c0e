using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Plans;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Plans;

/// <summary>The overdue check on a fake clock: each action is announced once when it passes its due date.</summary>
public sealed class OverdueActionTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _lead = fixture.As(SafeguardingFixture.Lead);

    private OverdueActionSweep Sweep => fixture.Host.Service<OverdueActionSweep>();

    [Fact]
    public async Task An_action_is_announced_once_when_it_passes_its_due_date_and_again_only_after_a_new_due_date()
    {
        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync()));
        var action = plan.Actions[0];
        var dueAt = action.DueAt.ToDateTimeOffset();

        fixture.Host.Clock.SetUtcNow(dueAt.AddMinutes(-1));
        await Sweep.RunOnceAsync(CancellationToken.None);
        Assert.Empty(Announced(action.ActionId));

        fixture.Host.Clock.SetUtcNow(dueAt.AddMinutes(1));
        await Sweep.RunOnceAsync(CancellationToken.None);
        await Sweep.RunOnceAsync(CancellationToken.None);
        var overdue = await fixture.Events.WaitForAsync<ActionOverdue>(e => e.ActionId == action.ActionId);

        Assert.Equal((plan.PlanId, SafeguardingFixture.Idva, SafeguardingFixture.Bristol, dueAt), (overdue.PlanId, overdue.OwnerAgency, overdue.Area, overdue.DueAt));
        var moved = await _lead.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = action.ActionId, ExpectedVersion = plan.Version, DueAt = fixture.Now.AddDays(2).ToTimestamp(),
        });
        await Sweep.RunOnceAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Single(Announced(action.ActionId));

        fixture.Host.Clock.Advance(TimeSpan.FromDays(3));
        await Sweep.RunOnceAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => Announced(action.ActionId).Count == 2, "announced again after the new due date passed");
        Assert.Equal(ActionStatus.Open, moved.Actions[0].Status);
    }

    [Fact]
    public async Task A_done_action_and_the_actions_of_a_closed_plan_are_never_overdue()
    {
        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync()));
        var second = await _lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync()));
        await _lead.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = plan.Actions[0].ActionId, ExpectedVersion = plan.Version, Status = ActionStatus.Done, CompletionNote = "done",
        });
        await _lead.Plans.ClosePlanAsync(new ClosePlanRequest { PlanId = second.PlanId, ExpectedVersion = second.Version, Reason = "closed" });

        fixture.Host.Clock.Advance(TimeSpan.FromDays(30));
        await Sweep.RunOnceAsync(CancellationToken.None);
        await Task.Delay(200);

        Assert.Empty(Announced(plan.Actions[0].ActionId));
        Assert.Empty(Announced(second.Actions[0].ActionId));
    }

    private List<ActionOverdue> Announced(string actionId) => fixture.Events.Of<ActionOverdue>().Where(e => e.ActionId == actionId).ToList();
}
