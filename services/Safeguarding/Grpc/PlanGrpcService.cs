using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.Domain.Plans;
using Platform.Safeguarding.Referrals;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Agreeing a plan and reading plans. A safeguarding lead (or a partner system) agrees a plan in their
/// agency's name, for their area; a household plan that includes children raises a Think Family
/// referral. The changes to a plan are in <c>PlanGrpcService.Changes.cs</c>.
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class PlanGrpcService(
    PersonAccessGuard<SafeguardingDatabase> guard,
    PlanStore plans,
    ConcernStore concerns,
    ReferralRecorder referrals,
    TimeProvider clock) : PlanService.PlanServiceBase
{
    public override Task<Plan> AgreePlan(AgreePlanRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var v = new Validator().RequiredId(request.PersonId, "person_id");
        var members = HouseholdRule.Members(v, request.PersonId, request.Members);
        if (request.ConcernId.Length > 0)
        {
            v.RequiredId(request.ConcernId, "concern_id");
        }
        v.Required(request.LeadProfessional, "lead_professional").KnownEnum(request.Level, "level")
            .Risks(request.Risks).Actions(request.Actions).Participants(request.Participants)
            .Required(request.FamilyInvolvement, "family_involvement", SafeguardingRequests.TextLength);
        var nextReview = PlanDates.NextReview(v, request.NextReviewAt, "next_review_at", now);
        v.ThrowIfInvalid();
        var plan = new PlanRow
        {
            PlanId = Guid.NewGuid().ToString(), PersonId = request.PersonId, ConcernId = ConcernGrpcService.NullIfEmpty(request.ConcernId),
            LeadAgency = caller.Agency, LeadProfessional = request.LeadProfessional.Trim(), Area = caller.LocalAuthority,
            Status = EnumWords<PlanStatus>.Word(PlanStatus.Open), Level = DashScoring.Word(request.Level),
            RisksJson = PlanMapping.RisksJson(request.Risks), ParticipantsJson = PlanMapping.ParticipantsJson(request.Participants),
            NamedAgencies = PlanMapping.NamedAgencies(caller.Agency, request.Participants, request.Actions.Select(a => a.OwnerAgency)),
            FamilyInvolvement = request.FamilyInvolvement.Trim(), NextReviewAt = nextReview, AgreedAt = now, AgreedBy = caller.Subject, Version = 1,
        };
        plan.SetReviewDue();
        var children = members.Where(m => m.Role == MemberRole.Child).Select(m => m.PersonId).ToList();
        if (children.Count > 0)
        {
            plan.ThinkFamilyReferralId = Guid.NewGuid().ToString();
        }
        var stored = new StoredPlan(plan,
            members.Select((m, i) => new PlanMemberRow { PlanId = plan.PlanId, PersonId = m.PersonId, Role = EnumWords<MemberRole>.Word(m.Role), Position = i }).ToList(),
            request.Actions.Select((a, i) => NewAction(plan, a, i, now)).ToList(), []);
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(request.PersonId, "person_id"), "safeguarding.plan.agree", async (access, db, tx) =>
        {
            if (!caller.IsIn(PlatformRoles.SafeguardingLead) && !caller.IsIn(PlatformRoles.PartnerSystem))
            {
                throw new PermissionDeniedException("A safeguarding lead agrees a plan, in their agency's name.");
            }
            // A plan names other agencies and lasts: never on a break-glass look.
            access.Require(LastingWrite.ForAnotherAgency);
            await RequireKnownAsync(db, tx, request);
            if (plan.ConcernId is { } concernId && !await IsConcernOfAsync(db, tx, concernId, request.PersonId))
            {
                throw new InvalidArgumentException("concern_id", "is not a concern about this person");
            }
            await plans.InsertAsync(db, tx, stored);
            if (children.Count > 0)
            {
                await referrals.ThinkFamilyAsync(db, tx, plan, children, caller.Subject, now);
            }
            await Outbox.EnqueueAsync(db, tx, new PlanAgreed
            {
                PlanId = plan.PlanId, PersonId = plan.PersonId, MemberIds = stored.Members.Select(m => m.PersonId).ToList(),
                LeadAgency = plan.LeadAgency, Area = plan.Area, RiskLevel = plan.Level, OccurredAt = now,
            });
            return PlanMapping.ToProto(stored, seesDetails: true, access);
        });
    }

    public override Task<Plan> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PlanId, "plan_id").ThrowIfInvalid();
        return guard.ReadAsync(context, PersonOfPlan(request.PlanId), "safeguarding.plan.read", async (access, db, tx) =>
        {
            var stored = await plans.GetAsync(db, tx, request.PlanId);
            return PlanMapping.ToProto(stored, PlanMapping.Team(stored.Plan).SeesDetails(access.Caller), access);
        });
    }

    /// <summary>The plans she is a member of, under any of her linked records.</summary>
    public override Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.plan.list", async (access, db, tx) =>
        {
            var group = await ProjectedPeople.GroupAsync(db, tx, request.PersonId) is { Count: > 0 } known ? known : [request.PersonId];
            var response = new ListPlansResponse();
            response.Plans.AddRange((await plans.ListAsync(db, tx, group))
                .Select(p => PlanMapping.ToProto(p, PlanMapping.Team(p.Plan).SeesDetails(access.Caller), access)));
            return response;
        });
    }

    internal static PlanActionRow NewAction(PlanRow plan, PlanAction action, int position, DateTimeOffset now) => new()
    {
        ActionId = Guid.NewGuid().ToString(), PlanId = plan.PlanId, PersonId = plan.PersonId, Area = plan.Area, Position = position,
        Description = action.Description.Trim(), OwnerAgency = action.OwnerAgency.Trim(), OwnerRole = action.OwnerRole.Trim(),
        DueAt = action.DueAt.ToDateTimeOffset(), Status = EnumWords<ActionStatus>.Word(ActionStatus.Open),
    };

    /// <summary>Members and participants named by registry id must be people the registry has told this service of.</summary>
    private static async Task RequireKnownAsync(DbConnection db, DbTransaction tx, AgreePlanRequest request)
    {
        var named = PlanRequests.PeopleNamed(request).ToList();
        var known = await ProjectedPeople.KnownAsync(db, tx, named.Select(n => n.PersonId).Distinct(StringComparer.Ordinal).ToList());
        var unknown = named.Where(n => !known.Contains(n.PersonId)).Select(n => new FieldViolation(n.Field, "is not a person in the registry")).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidArgumentException(unknown);
        }
    }

    private async Task<bool> IsConcernOfAsync(DbConnection db, DbTransaction tx, string concernId, string personId)
    {
        try
        {
            var concernPerson = await concerns.PersonOfAsync(db, tx, concernId);
            return concernPerson == personId || (await ProjectedPeople.GroupAsync(db, tx, personId)).Contains(concernPerson);
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfPlan(string planId) => (db, tx) => plans.PersonOfAsync(db, tx, planId);
}
