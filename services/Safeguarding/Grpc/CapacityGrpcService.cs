using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.Capacity;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Mental capacity assessments. An agency with a standing relationship with the person (not a
/// break-glass look) records one in its own name; reading follows the other special-category
/// records (<see cref="CapacityMapping"/>).
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class CapacityGrpcService(
    PersonAccessGuard<SafeguardingDatabase> guard,
    CapacityStore store,
    PlanStore plans,
    TimeProvider clock) : CapacityService.CapacityServiceBase
{
    public override Task<CapacityAssessment> RecordCapacityAssessment(RecordCapacityAssessmentRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var v = new Validator().RequiredId(request.PersonId, "person_id");
        var outcome = CapacityTestRule.Check(v, request);
        var assessedAt = SafeguardingRequests.PastOrNow(v, request.AssessedAt, "assessed_at", now);
        v.ThrowIfInvalid();
        var test = request.Test;
        var row = new CapacityAssessmentRow
        {
            AssessmentId = Guid.NewGuid().ToString(), PersonId = request.PersonId, Decision = request.Decision.Trim(),
            DecisionKey = CapacityTestRule.DecisionKey(request.Decision), AssessedAt = assessedAt, Agency = caller.Agency, AssessedBy = caller.Subject,
            Impairment = test.Impairment, ImpairmentReason = test.ImpairmentReason.Trim(), Understands = test.Understands, Retains = test.Retains,
            UsesOrWeighs = test.UsesOrWeighs, Communicates = test.Communicates, FunctionalReason = test.FunctionalReason.Trim(),
            Outcome = EnumWords<CapacityOutcome>.Word(outcome), BestInterestsDecision = ConcernGrpcService.NullIfEmpty(request.BestInterestsDecision),
            Consulted = StoredLists.Write(SafeguardingRequests.Distinct(request.Consulted)),
            ExecutiveFunctionConcern = request.ExecutiveFunctionConcern,
            ExecutiveFunctionNote = ConcernGrpcService.NullIfEmpty(request.ExecutiveFunctionNote),
            SupportGiven = ConcernGrpcService.NullIfEmpty(request.SupportGiven), RecordedAt = now,
        };
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(row.PersonId, "person_id"), "safeguarding.capacity.record", async (access, db, tx) =>
        {
            if (access.Basis == AccessBasis.BreakGlass)
            {
                throw new PermissionDeniedException(
                    "Break-glass opens one look at this person: a capacity assessment is recorded by an agency that works with her.");
            }
            await store.InsertAsync(db, tx, row);
            return CapacityMapping.ToProto(row, seesDetails: true);
        });
    }

    public override Task<ListCapacityAssessmentsResponse> ListCapacityAssessments(ListCapacityAssessmentsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.capacity.list", async (access, db, tx) =>
        {
            var response = new ListCapacityAssessmentsResponse();
            var onPlan = await plans.NamesAgencyForPersonAsync(db, tx, request.PersonId, access.Caller.Agency);
            response.Assessments.AddRange((await store.ListAsync(db, tx, request.PersonId))
                .Select(row => CapacityMapping.ToProto(row, onPlan || CapacityMapping.Team(row).SeesDetails(access.Caller))));
            return response;
        });
    }
}
