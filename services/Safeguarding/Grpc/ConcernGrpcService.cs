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
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Raising a concern, reading it and a person's concerns. Anyone who works with the person may raise
/// one; the decisions on it are a safeguarding lead's (<c>ConcernGrpcService.Decisions.cs</c>).
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class ConcernGrpcService(
    PersonAccessGuard<SafeguardingDatabase> guard,
    ConcernStore concerns,
    TimeProvider clock) : ConcernService.ConcernServiceBase
{
    public override Task<Concern> RaiseConcern(RaiseConcernRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var row = Validated(request.Details, caller, now);
        return guard.RunAsync(context, KnownPerson(row.PersonId, "details.person_id"), "safeguarding.concern.raise", async (access, db, tx) =>
        {
            var first = new StageChangeRow
            {
                ChangeId = Guid.NewGuid().ToString(), ConcernId = row.ConcernId, Version = 1, ToStage = row.Stage, Reason = "concern raised",
                ChangedBy = caller.Subject, Agency = caller.Agency, ChangedAt = now,
            };
            await concerns.InsertAsync(db, tx, row, first);
            await Outbox.EnqueueAsync(db, tx, new ConcernRaised
            {
                ConcernId = row.ConcernId, PersonId = row.PersonId, Agency = row.Agency, Area = row.Area,
                ImmediateRisk = row.ImmediateRisk, OccurredAt = now,
            });
            return ConcernMapping.ToProto(row, [first], seesDetails: true, access);
        });
    }

    public override Task<Concern> GetConcern(GetConcernRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.ConcernId, "concern_id").ThrowIfInvalid();
        return guard.ReadAsync(context, PersonOfConcern(request.ConcernId), "safeguarding.concern.read", async (access, db, tx) =>
        {
            var row = await concerns.GetAsync(db, tx, request.ConcernId);
            return ConcernMapping.ToProto(row, await concerns.StageChangesAsync(db, tx, row.ConcernId),
                ConcernMapping.Team(row).SeesDetails(access.Caller), access);
        });
    }

    public override Task<ListConcernsResponse> ListConcerns(ListConcernsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.concern.list", async (access, db, tx) =>
        {
            var response = new ListConcernsResponse();
            foreach (var row in await concerns.ListAsync(db, tx, request.PersonId))
            {
                var sees = ConcernMapping.Team(row).SeesDetails(access.Caller);
                response.Concerns.Add(ConcernMapping.ToProto(row, sees ? await concerns.StageChangesAsync(db, tx, row.ConcernId) : [], sees, access));
            }
            return response;
        });
    }

    private static ConcernRow Validated(ConcernDetails? details, Caller caller, DateTimeOffset now)
    {
        var v = new Validator();
        if (details is null)
        {
            v.Add("details", "is required").ThrowIfInvalid();
        }
        v.RequiredId(details!.PersonId, "details.person_id")
            .KnownEnum(details.Source, "details.source")
            .Required(details.RaisedBy, "details.raised_by")
            .KnownEnums(details.Categories, "details.categories")
            .KnownEnum(details.LocationOfRisk, "details.location_of_risk")
            .Required(details.Description, "details.description", SafeguardingRequests.TextLength)
            .MaxLength(details.ImmediateAction, "details.immediate_action", SafeguardingRequests.TextLength)
            .Check(!details.ImmediateRisk || !string.IsNullOrWhiteSpace(details.ImmediateAction), "details.immediate_action",
                "is required when she is at immediate risk: what was done about it")
            .Agencies(details.NamedAgencies, "details.named_agencies");
        var raisedAt = SafeguardingRequests.PastOrNow(v, details.RaisedAt, "details.raised_at", now);
        v.ThrowIfInvalid();
        return new ConcernRow
        {
            ConcernId = Guid.NewGuid().ToString(), PersonId = details.PersonId, Agency = caller.Agency, Area = caller.LocalAuthority,
            Source = EnumWords<ConcernSource>.Word(details.Source), RaisedBy = details.RaisedBy.Trim(),
            LocationOfRisk = EnumWords<RiskLocation>.Word(details.LocationOfRisk), Description = details.Description.Trim(),
            ImmediateRisk = details.ImmediateRisk, ImmediateAction = NullIfEmpty(details.ImmediateAction),
            NamedAgencies = StoredLists.Write(SafeguardingRequests.Distinct(details.NamedAgencies).Where(a => a != caller.Agency)),
            RaisedAt = raisedAt, Stage = EnumWords<Stage>.Word(Stage.Concern), RecordedAt = now, RecordedBy = caller.Subject, Version = 1,
            Categories = details.Categories.Distinct().Select(EnumWords<AbuseCategory>.Word).Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// The person a new record is about, checked inside the guard's transaction: someone the registry
    /// has not told this service of is the caller's INVALID_ARGUMENT on the field, not a lookup failure.
    /// </summary>
    internal static Func<DbConnection, DbTransaction, Task<string>> KnownPerson(string personId, string field) =>
        async (db, tx) => (await ProjectedPeople.KnownAsync(db, tx, [personId])).Count == 1
            ? personId
            : throw new InvalidArgumentException(field, "is not a person in the registry");

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfConcern(string concernId) =>
        (db, tx) => concerns.PersonOfAsync(db, tx, concernId);

    internal static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
