using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.Concerns;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// The decisions on a concern: the section 42 test and decision, the stages and the closure are a
/// safeguarding lead's (of the concern's team or its area); the person's desired outcomes are
/// recorded by anyone on the concern's team. Each change says which version it changes.
/// </summary>
public sealed partial class ConcernGrpcService
{
    public override Task<Concern> RecordSection42Decision(RecordSection42DecisionRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.ConcernId, "concern_id").ExpectedVersion(request.ExpectedVersion);
        Section42Rule.Check(v, request.Test, request.Decision, request.Reason, request.CapacitousRefusal, now);
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.ConcernId, request.ExpectedVersion, "safeguarding.concern.decide", leadOnly: true, (row, caller) =>
        {
            var stage = ConcernMapping.StageOf(row);
            if (stage is not (Stage.Concern or Stage.InformationGathering))
            {
                throw new PreconditionFailedException(
                    $"The concern is at stage {ConcernStages.Word(stage)}: the section 42 decision is made before an enquiry starts.");
            }
            var decision = new Section42Decision
            {
                Test = request.Test, Decision = request.Decision, Reason = request.Reason.Trim(),
                CapacitousRefusal = request.CapacitousRefusal, DecidedBy = caller.Subject, DecidedAt = now.ToTimestamp(),
            };
            row.Decision = EnumWords<EnquiryDecision>.Word(request.Decision);
            row.DecisionJson = ConcernMapping.Json(decision);
            row.DecidedAt = now;
            row.FollowUpAt = request.CapacitousRefusal?.FollowUpAt?.ToDateTimeOffset() ?? row.FollowUpAt;
            return null;
        });
    }

    public override Task<Concern> RecordDesiredOutcomes(RecordDesiredOutcomesRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.ConcernId, "concern_id").ExpectedVersion(request.ExpectedVersion);
        MakingSafeguardingPersonal.CheckDesiredOutcomes(v, request.Asked, request.Outcomes, request.NotAskedReason);
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.ConcernId, request.ExpectedVersion, "safeguarding.concern.desired-outcomes", leadOnly: false, (row, caller) =>
        {
            RefuseIfClosed(row);
            var desired = new DesiredOutcomes
            {
                Asked = request.Asked, NotAskedReason = request.NotAskedReason.Trim(), RecordedAt = now.ToTimestamp(), RecordedBy = caller.Subject,
            };
            desired.Outcomes.AddRange(request.Outcomes.Select((words, i) => new DesiredOutcome { OutcomeId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Words = words.Trim() }));
            row.DesiredOutcomesAsked = request.Asked;
            row.DesiredOutcomesCount = request.Outcomes.Count;
            row.DesiredOutcomesJson = ConcernMapping.Json(desired);
            return null;
        });
    }

    public override Task<Concern> ChangeStage(ChangeStageRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        new Validator().RequiredId(request.ConcernId, "concern_id").ExpectedVersion(request.ExpectedVersion)
            .KnownEnum(request.To, "to").Required(request.Reason, "reason", SafeguardingRequests.ReasonLength).ThrowIfInvalid();
        return ChangeAsync(context, request.ConcernId, request.ExpectedVersion, "safeguarding.concern.stage", leadOnly: true, (row, caller) =>
        {
            var from = ConcernMapping.StageOf(row);
            if (request.To == Stage.Closed && ConcernStages.Refusal(from, Stage.Closed, ConcernMapping.DecisionOf(row)) is null)
            {
                throw new PreconditionFailedException("Close a concern with CloseConcern: it records her outcomes and the risk outcome.");
            }
            if (ConcernStages.Refusal(from, request.To, ConcernMapping.DecisionOf(row)) is { } refusal)
            {
                throw new PreconditionFailedException(refusal);
            }
            row.Stage = EnumWords<Stage>.Word(request.To);
            row.EnquiryStartedAt = request.To == Stage.Enquiry ? now : row.EnquiryStartedAt;
            return StageChange(row, from, request.To, request.Reason, caller, now);
        }, (row, db, tx) => request.To != Stage.Enquiry ? Task.CompletedTask : Outbox.EnqueueAsync(db, tx, new EnquiryStarted
        {
            ConcernId = row.ConcernId, PersonId = row.PersonId, Agency = row.Agency, Area = row.Area,
            Kind = row.Decision == EnumWords<EnquiryDecision>.Word(EnquiryDecision.Section42) ? "section-42" : "other-enquiry", OccurredAt = now,
        }));
    }

    public override Task<Concern> CloseConcern(CloseConcernRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.ConcernId, "concern_id").ExpectedVersion(request.ExpectedVersion)
            .Required(request.Reason, "reason", SafeguardingRequests.ReasonLength).KnownEnum(request.RiskOutcome, "risk_outcome");
        if (request.CapacitousRefusal is not null)
        {
            CapacitousRefusalRule.Check(v, request.CapacitousRefusal, "capacitous_refusal", now);
        }
        v.ThrowIfInvalid();
        return ChangeAsync(context, request.ConcernId, request.ExpectedVersion, "safeguarding.concern.close", leadOnly: true, (row, caller) =>
        {
            var from = ConcernMapping.StageOf(row);
            if (ConcernStages.Refusal(from, Stage.Closed, ConcernMapping.DecisionOf(row)) is { } refusal)
            {
                throw new PreconditionFailedException(refusal);
            }
            var desired = ConcernMapping.Parse<DesiredOutcomes>(row.DesiredOutcomesJson) ?? throw new PreconditionFailedException(
                "Record her desired outcomes (or why she could not be asked) before closing: the closure says whether each was achieved.");
            var check = new Validator();
            MakingSafeguardingPersonal.CheckClosure(check, desired, request.Outcomes, request.RiskOutcome);
            check.ThrowIfInvalid();
            var closure = new Closure
            {
                RiskOutcome = request.RiskOutcome, Reason = request.Reason.Trim(), CapacitousRefusal = request.CapacitousRefusal,
                ClosedAt = now.ToTimestamp(), ClosedBy = caller.Subject,
            };
            closure.Outcomes.AddRange(request.Outcomes);
            row.ClosureJson = ConcernMapping.Json(closure);
            row.RiskOutcome = EnumWords<RiskOutcome>.Word(request.RiskOutcome);
            row.OutcomesAchieved = MakingSafeguardingPersonal.Overall(request.Outcomes.Select(o => o.Achievement).ToList());
            row.ClosedAt = now;
            row.FollowUpAt = request.CapacitousRefusal?.FollowUpAt?.ToDateTimeOffset() ?? row.FollowUpAt;
            row.Stage = EnumWords<Stage>.Word(Stage.Closed);
            return StageChange(row, from, Stage.Closed, request.Reason, caller, now);
        });
    }

    /// <summary>
    /// The one way a concern changes: the guard decides and audits; the caller must be on its team
    /// (or a lead, for <paramref name="leadOnly"/>) and, for another agency's concern, see her on a
    /// standing basis (never break-glass); the change is written at the version the caller read.
    /// </summary>
    private Task<Concern> ChangeAsync(
        ServerCallContext context, string concernId, long expectedVersion, string action, bool leadOnly,
        Func<ConcernRow, Caller, StageChangeRow?> change,
        Func<ConcernRow, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task>? publish = null) =>
        guard.RunAsync(context, PersonOfConcern(concernId), action, async (access, db, tx) =>
        {
            var row = await concerns.GetAsync(db, tx, concernId);
            var team = ConcernMapping.Team(row);
            if (leadOnly ? !team.IsLead(access.Caller) : !team.SeesDetails(access.Caller))
            {
                throw new PermissionDeniedException(leadOnly
                    ? "Only a safeguarding lead of the agencies on this concern, or of its area, decides on it."
                    : "Only the agencies on this concern, and safeguarding leads of its area, record on it.");
            }
            access.RequireMayWriteFor(row.Agency);
            if (row.Version != expectedVersion)
            {
                throw new StaleVersionException("Concern", row.ConcernId, expectedVersion, row.Version);
            }
            var stageChange = change(row, access.Caller);
            await concerns.UpdateAsync(db, tx, row, expectedVersion, stageChange);
            if (publish is not null)
            {
                await publish(row, db, tx);
            }
            return ConcernMapping.ToProto(row, await concerns.StageChangesAsync(db, tx, row.ConcernId), seesDetails: true, access);
        });

    private static void RefuseIfClosed(ConcernRow row)
    {
        if (ConcernMapping.StageOf(row) == Stage.Closed)
        {
            throw new PreconditionFailedException("The concern is closed.");
        }
    }

    private static StageChangeRow StageChange(ConcernRow row, Stage from, Stage to, string reason, Caller caller, DateTimeOffset now) => new()
    {
        ChangeId = Guid.NewGuid().ToString(), ConcernId = row.ConcernId, FromStage = EnumWords<Stage>.Word(from), ToStage = EnumWords<Stage>.Word(to),
        Reason = reason.Trim(), ChangedBy = caller.Subject, Agency = caller.Agency, ChangedAt = now,
    };
}
