using System.Data.Common;
using Grpc.Core;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.Plans;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// The changes to an open plan. The agencies on the plan add and update actions; a safeguarding lead of
/// the plan's team or area records a review and closes it. Each change says which version it changes.
/// </summary>
public sealed partial class PlanGrpcService
{
    public override Task<Plan> AddAction(AddActionRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.PlanId, "plan_id").ExpectedVersion(request.ExpectedVersion);
        ActionRule.Check(v, request.Action, "action");
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.PlanId, request.ExpectedVersion, "safeguarding.plan.action.add", leadOnly: false, async (stored, caller, db, tx) =>
        {
            var plan = stored.Plan;
            var action = NewAction(plan, request.Action, stored.Actions.Count, now);
            plan.NamedAgencies = PlanMapping.NamedAgencies(plan.LeadAgency, [],
                StoredLists.Read(plan.NamedAgencies).Append(action.OwnerAgency));
            await plans.UpdateAsync(db, tx, plan, request.ExpectedVersion);
            await plans.AddActionAsync(db, tx, action);
        });
    }

    public override Task<Plan> UpdateAction(UpdateActionRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.PlanId, "plan_id").RequiredId(request.ActionId, "action_id")
            .ExpectedVersion(request.ExpectedVersion)
            .Check(Enum.IsDefined(request.Status), "status", $"has unknown value {(int)request.Status}")
            .Check(request.Status != ActionStatus.Unspecified || request.DueAt is not null, "status", "is required, or a new due_at")
            .MaxLength(request.CompletionNote, "completion_note", SafeguardingRequests.TextLength)
            .Check(request.Status is not (ActionStatus.Done or ActionStatus.Cancelled) || !string.IsNullOrWhiteSpace(request.CompletionNote),
                "completion_note", "is required: what was done, or why it is cancelled");
        var dueAt = request.DueAt is null ? null : PlanDates.Read(v, request.DueAt, "due_at");
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.PlanId, request.ExpectedVersion, "safeguarding.plan.action.update", leadOnly: false, async (stored, caller, db, tx) =>
        {
            var action = stored.Actions.FirstOrDefault(a => a.ActionId == request.ActionId)
                ?? throw new NotFoundException("Action", request.ActionId);
            if (EnumWords<ActionStatus>.Value(action.Status) != ActionStatus.Open)
            {
                throw new PreconditionFailedException($"The action is {action.Status}: only an open action changes.");
            }
            if (dueAt is { } due && due != action.DueAt)
            {
                // A new due date is a new commitment: it becomes overdue (and is announced) again if missed.
                action.DueAt = due;
                action.OverdueRaisedAt = null;
            }
            if (request.Status is ActionStatus.Done or ActionStatus.Cancelled)
            {
                action.Status = EnumWords<ActionStatus>.Word(request.Status);
                action.CompletionNote = request.CompletionNote.Trim();
                action.CompletedAt = now;
            }
            await plans.UpdateAsync(db, tx, stored.Plan, request.ExpectedVersion);
            await plans.UpdateActionAsync(db, tx, action);
        });
    }

    public override Task<Plan> RecordReview(RecordReviewRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.PlanId, "plan_id").ExpectedVersion(request.ExpectedVersion)
            .Required(request.Note, "note", SafeguardingRequests.TextLength);
        var next = PlanDates.NextReview(v, request.NextReviewAt, "next_review_at", now);
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.PlanId, request.ExpectedVersion, "safeguarding.plan.review", leadOnly: true, async (stored, caller, db, tx) =>
        {
            var plan = stored.Plan;
            var urgent = plan.UrgentReviewReason is not null;
            plan.NextReviewAt = next;
            plan.UrgentReviewReason = null;
            plan.UrgentReviewAt = null;
            await plans.UpdateAsync(db, tx, plan, request.ExpectedVersion);
            await plans.AddReviewAsync(db, tx, new PlanReviewRow
            {
                ReviewId = Guid.NewGuid().ToString(), PlanId = plan.PlanId, Version = plan.Version, ReviewedAt = now, ReviewedBy = caller.Subject,
                Agency = caller.Agency, Note = request.Note.Trim(), NextReviewAt = next, Urgent = urgent,
            });
            await Outbox.EnqueueAsync(db, tx, new PlanReviewed
            {
                PlanId = plan.PlanId, PersonId = plan.PersonId, Agency = caller.Agency, NextReviewAt = next, Urgent = urgent, OccurredAt = now,
            });
        });
    }

    public override Task<Plan> ClosePlan(ClosePlanRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        new Validator().RequiredId(request.PlanId, "plan_id").ExpectedVersion(request.ExpectedVersion)
            .Required(request.Reason, "reason", SafeguardingRequests.ReasonLength).ThrowIfInvalid();
        return ChangeAsync(context, request.PlanId, request.ExpectedVersion, "safeguarding.plan.close", leadOnly: true, async (stored, caller, db, tx) =>
        {
            var plan = stored.Plan;
            plan.Status = EnumWords<PlanStatus>.Word(PlanStatus.Closed);
            plan.ClosedAt = now;
            plan.CloseReason = request.Reason.Trim();
            plan.UrgentReviewReason = null;
            plan.UrgentReviewAt = null;
            await plans.UpdateAsync(db, tx, plan, request.ExpectedVersion);
            await plans.CancelOpenActionsAsync(db, tx, plan.PlanId, "The plan was closed.", now);
            await Outbox.EnqueueAsync(db, tx, new PlanClosed
            {
                PlanId = plan.PlanId, PersonId = plan.PersonId, Agency = caller.Agency, Area = plan.Area, OccurredAt = now,
            });
        });
    }

    /// <summary>
    /// The one way a plan changes: the guard decides and audits; the caller must be on the plan's team
    /// (or a lead, for <paramref name="leadOnly"/>), on a standing basis when the plan is another
    /// agency's; the plan is open and still at the version the caller read. Answers the plan as it now is.
    /// </summary>
    private Task<Plan> ChangeAsync(
        ServerCallContext context, string planId, long expectedVersion, string action, bool leadOnly,
        Func<StoredPlan, Caller, DbConnection, DbTransaction, Task> change) =>
        guard.RunAsync(context, PersonOfPlan(planId), action, async (access, db, tx) =>
        {
            var stored = await plans.GetAsync(db, tx, planId);
            var team = PlanMapping.Team(stored.Plan);
            if (leadOnly ? !team.IsLead(access.Caller) : !team.SeesDetails(access.Caller))
            {
                throw new PermissionDeniedException(leadOnly
                    ? "Only a safeguarding lead of the agencies on this plan, or of its area, reviews or closes it."
                    : "Only the agencies named on this plan, and safeguarding leads of its area, change its actions.");
            }
            access.RequireMayWriteFor(stored.Plan.LeadAgency);
            if (stored.Plan.Version != expectedVersion)
            {
                throw new StaleVersionException("Plan", planId, expectedVersion, stored.Plan.Version);
            }
            if (PlanMapping.StatusOf(stored.Plan) != PlanStatus.Open)
            {
                throw new PreconditionFailedException("The plan is closed.");
            }
            await change(stored, access.Caller, db, tx);
            return PlanMapping.ToProto(await plans.GetAsync(db, tx, planId), seesDetails: true, access);
        });
}
