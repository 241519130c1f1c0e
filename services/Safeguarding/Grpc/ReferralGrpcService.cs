using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Validation;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain;
using Platform.Safeguarding.Domain.Referrals;
using Platform.Safeguarding.Referrals;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Referrals between agencies and areas as records with a status. Anyone who works with the person sends
/// one in their agency's name; the receiving agency (or, for a referral to an area's service, anyone of
/// that area) answers it: acknowledged, accepted, or declined with a reason.
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class ReferralGrpcService(
    SafeguardingDatabase database,
    PersonAccessGuard<SafeguardingDatabase> guard,
    ReferralStore referrals,
    ReferralRecorder recorder,
    PlanStore plans,
    TimeProvider clock) : ReferralService.ReferralServiceBase
{
    public override Task<Referral> SendReferral(SendReferralRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var toArea = GssCode.Normalise(request.ToArea) ?? "";
        var v = new Validator().RequiredId(request.PersonId, "person_id").KnownEnum(request.Kind, "kind")
            .MaxLength(request.ToAgency, "to_agency", SafeguardingRequests.AgencyLength)
            .Check(toArea.Length == 0 || GssCode.IsValid(toArea), "to_area", "must be a GSS area code, e.g. E06000023")
            .MaxLength(request.ToService, "to_service", SafeguardingRequests.AgencyLength)
            .Check(!string.IsNullOrWhiteSpace(request.ToAgency) || toArea.Length > 0, "to_agency", "is required, or to_area with to_service")
            .Check(toArea.Length == 0 || !string.IsNullOrWhiteSpace(request.ToService) || !string.IsNullOrWhiteSpace(request.ToAgency),
                "to_service", "is required for a referral to an area: which of its services, e.g. adult-social-care")
            .Required(request.Reason, "reason", SafeguardingRequests.TextLength);
        if (request.PlanId.Length > 0)
        {
            v.RequiredId(request.PlanId, "plan_id");
        }
        v.ThrowIfInvalid();
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(request.PersonId, "person_id"), "safeguarding.referral.send", async (access, db, tx) =>
        {
            // A referral lasts and asks another agency to act: never on a break-glass look.
            access.Require(LastingWrite.ForAnotherAgency);
            if (request.PlanId.Length > 0 && !await IsPlanOfAsync(db, tx, request.PlanId, request.PersonId))
            {
                throw new InvalidArgumentException("plan_id", "is not a plan this person is a member of");
            }
            var row = await recorder.SendAsync(db, tx, new ReferralRow
            {
                ReferralId = Guid.NewGuid().ToString(), PersonId = request.PersonId, Kind = EnumWords<ReferralKind>.Word(request.Kind),
                FromAgency = caller.Agency, FromArea = caller.LocalAuthority, ToAgency = request.ToAgency.Trim(), ToArea = toArea,
                ToService = request.ToService.Trim(), Reason = request.Reason.Trim(), SentAt = now, SentBy = caller.Subject,
                PlanId = ConcernGrpcService.NullIfEmpty(request.PlanId),
            });
            return ToProto(row, seesDetails: true, access);
        });
    }

    public override Task<Referral> GetReferral(GetReferralRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.ReferralId, "referral_id").ThrowIfInvalid();
        return guard.ReadAsync(context, PersonOfReferral(request.ReferralId), "safeguarding.referral.read", async (access, db, tx) =>
        {
            var row = await referrals.GetAsync(db, tx, request.ReferralId);
            return ToProto(row, SeesDetails(row, access.Caller), access);
        });
    }

    /// <summary>The referrals about her, under any of her linked records.</summary>
    public override Task<ListReferralsResponse> ListReferrals(ListReferralsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.referral.list", async (access, db, tx) =>
        {
            var group = await ProjectedPeople.GroupAsync(db, tx, request.PersonId) is { Count: > 0 } known ? known : [request.PersonId];
            var response = new ListReferralsResponse();
            response.Referrals.AddRange((await referrals.ListAsync(db, tx, group)).Select(r => ToProto(r, SeesDetails(r, access.Caller), access)));
            return response;
        });
    }

    /// <summary>
    /// The list does not read each person's areas: a referral's area shows only on what the caller knows
    /// already (its agency sent it, or it is the caller's own area), never on where she lives.
    /// </summary>
    private static readonly PersonAccessFacts AreasNotRead = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    /// <summary>At most this many referrals awaiting an answer are listed, soonest due first.</summary>
    public const int MaximumReceived = 200;

    /// <summary>
    /// What the caller's side has still to answer. A referral names the receiver, but the list still shows
    /// only people the caller may see on a standing basis, and audits each one, as the worklist does.
    /// </summary>
    public override Task<ListReferralsResponse> ListReceivedReferrals(ListReceivedReferralsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        BreakGlass.RefuseForManyPeople(context);
        return database.InTransactionAsync(async (db, tx) =>
        {
            var rows = await referrals.AwaitingAnswerAsync(db, tx, caller.Agency, caller.LocalAuthority, MaximumReceived);
            var bases = await guard.DecideManyAsync(caller, rows.Select(r => r.PersonId).Distinct().ToList(), db, tx, context.CancellationToken);
            var shown = rows.Where(r => bases[r.PersonId] is not null).ToList();
            var response = new ListReferralsResponse();
            response.Referrals.AddRange(shown.Select(r => ToProto(r, seesDetails: true, new PersonAccess(caller, bases[r.PersonId]!.Value, AreasNotRead))));
            await AuditLog.WriteAsync(db, tx, shown.DistinctBy(r => r.PersonId)
                .Select(r => guard.Entry(caller, "safeguarding.referral.received", r.PersonId, bases[r.PersonId]!.Value.ToString(), null)));
            return response;
        }, context.CancellationToken);
    }

    public override Task<Referral> RespondToReferral(RespondToReferralRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        new Validator().RequiredId(request.ReferralId, "referral_id").ExpectedVersion(request.ExpectedVersion)
            .KnownEnum(request.Status, "status")
            .MaxLength(request.DeclineReason, "decline_reason", SafeguardingRequests.ReasonLength)
            .Check(request.Status != ReferralStatus.Declined || !string.IsNullOrWhiteSpace(request.DeclineReason), "decline_reason",
                "is required: why the referral is declined")
            .ThrowIfInvalid();
        return guard.RunAsync(context, PersonOfReferral(request.ReferralId), "safeguarding.referral.respond", async (access, db, tx) =>
        {
            var row = await referrals.GetAsync(db, tx, request.ReferralId);
            if (!Receives(row, access.Caller))
            {
                throw new PermissionDeniedException(row.ToAgency.Length > 0
                    ? $"Only {row.ToAgency}, which received the referral, answers it."
                    : $"Only the {row.ToService} of the area that received the referral answers it.");
            }
            access.RequireMayWriteFor(row.FromAgency);
            if (row.Version != request.ExpectedVersion)
            {
                throw new StaleVersionException("Referral", row.ReferralId, request.ExpectedVersion, row.Version);
            }
            if (ReferralStatusRule.Refusal(EnumWords<ReferralStatus>.Value(row.Status), request.Status) is { } refusal)
            {
                throw new PreconditionFailedException(refusal);
            }
            row.Status = EnumWords<ReferralStatus>.Word(request.Status);
            row.DeclineReason = request.Status == ReferralStatus.Declined ? request.DeclineReason.Trim() : null;
            row.RespondedAt = now;
            row.RespondedBy = access.Caller.Subject;
            await referrals.RespondAsync(db, tx, row, request.ExpectedVersion);
            return ToProto(row, seesDetails: true, access);
        });
    }

    /// <summary>The receiving side: the agency it was sent to, or for a referral to an area's service, that area.</summary>
    internal static bool Receives(ReferralRow row, Caller caller) =>
        row.ToAgency.Length > 0 ? caller.Agency == row.ToAgency : caller.LocalAuthority == row.ToArea;

    /// <summary>Why she was referred shows to the two sides and to safeguarding leads; others see that it was, and its status.</summary>
    private static bool SeesDetails(ReferralRow row, Caller caller) =>
        caller.Agency == row.FromAgency || Receives(row, caller) || caller.IsIn(PlatformRoles.SafeguardingLead);

    private async Task<bool> IsPlanOfAsync(DbConnection db, DbTransaction tx, string planId, string personId)
    {
        try
        {
            var stored = await plans.GetAsync(db, tx, planId);
            var group = await ProjectedPeople.GroupAsync(db, tx, personId);
            return stored.Members.Any(m => m.PersonId == personId || group.Contains(m.PersonId));
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfReferral(string referralId) =>
        (db, tx) => referrals.PersonOfAsync(db, tx, referralId);

    internal static Referral ToProto(ReferralRow row, bool seesDetails, PersonAccess access) => new()
    {
        ReferralId = row.ReferralId, PersonId = row.PersonId, Kind = EnumWords<ReferralKind>.Value(row.Kind), FromAgency = row.FromAgency,
        FromArea = AreaDisclosure.Shown(row.FromArea, row.FromAgency, access), ToAgency = row.ToAgency,
        ToArea = AreaDisclosure.Shown(row.ToArea, row.FromAgency, access), ToService = row.ToService,
        Reason = seesDetails ? row.Reason : "", Status = EnumWords<ReferralStatus>.Value(row.Status),
        DeclineReason = seesDetails ? row.DeclineReason ?? "" : "", SentAt = row.SentAt.ToTimestamp(),
        RespondedAt = row.RespondedAt?.ToTimestamp(), PlanId = row.PlanId ?? "", Version = row.Version,
    };
}
