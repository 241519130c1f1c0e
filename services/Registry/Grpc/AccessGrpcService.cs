using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.IntegrationEvents;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>Sharing records (with their lawful basis) and the audit trail of a person's record.</summary>
public sealed class AccessGrpcService(
    RegistryDatabase database,
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    SharingStore sharing,
    PersonStatePublisher state,
    TimeProvider clock) : AccessService.AccessServiceBase
{
    [Authorize(Roles = PlatformRoles.Caseworkers)]
    public override Task<SharingRecord> ShareRecord(ShareRecordRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var until = Instants.Read(request.Until, "until");
        var caller = Caller.From(context);
        new Validator().RequiredId(request.PersonId, "person_id")
            .Required(request.Agency, "agency", PersonValidation.NameLength)
            .Check(request.Agency.Trim() != caller.Agency, "agency", "is your own agency: share with another agency")
            .KnownEnum(request.LawfulBasis, "lawful_basis")
            .Required(request.Reason, "reason", 1000)
            .Check(until is null || until > now, "until", "must be in the future")
            .ThrowIfInvalid();
        // The same rule as starting another agency's involvement: never on break-glass, and only by an
        // agency that works with her.
        return guard.RunAsync(context, request.PersonId, "person.share", async (access, db, tx) =>
        {
            access.Require(LastingWrite.ShareWithAnotherAgency, lawfulBasisGiven: true);
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var row = new SharingRow
            {
                SharingId = Guid.NewGuid().ToString(), PersonId = person.PersonId, Agency = request.Agency.Trim(),
                LawfulBasis = (int)request.LawfulBasis, Reason = request.Reason.Trim(), GrantedAt = now, Until = until,
                GrantedByAgency = caller.Agency,
            };
            await sharing.InsertAsync(db, tx, row);
            await Outbox.EnqueueAsync(db, tx, new RecordShared
            {
                PersonId = row.PersonId, Agency = row.Agency, LawfulBasis = request.LawfulBasis.ToString(), Until = until, OccurredAt = now,
            });
            await state.AccessChangedAsync(db, tx, [row.PersonId]);
            return new SharingRecord
            {
                SharingId = row.SharingId, PersonId = row.PersonId, Agency = row.Agency, LawfulBasis = request.LawfulBasis,
                Reason = row.Reason, GrantedAt = Timestamp.FromDateTimeOffset(now), Until = PersonValidation.Optional(until),
                GrantedByAgency = row.GrantedByAgency,
            };
        }, $"for {request.Agency.Trim()}, lawful basis {request.LawfulBasis}: {request.Reason.Trim()}");
    }

    /// <summary>
    /// The registry's own trail for one person, all time: a shortcut kept for its callers, read by the
    /// same code as the platform's audit API (GET /v1/audit/events), which covers every service.
    /// </summary>
    [Authorize(Roles = PlatformRoles.AuditReaders)]
    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id")
            .PageSize(request.PageSize, AuditTrail.MaximumPageSize)
            .ThrowIfInvalid();
        var query = new AuditQuery(request.PersonId, null, null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var page = await AuditTrail.ReadPageAsync([new DatabaseAuditSource(database, clock)], query, request.PageToken,
            request.PageSize, Caller.From(context), null, context.CancellationToken);
        var response = new ListAuditEventsResponse { NextPageToken = page.NextPageToken };
        response.Events.AddRange(page.Entries.Select(e => e.Record.Entry).Select(e => new AuditEvent
        {
            At = Timestamp.FromDateTimeOffset(e.At), Actor = e.Actor, Role = e.Role, Agency = e.Agency,
            Action = e.Action, PersonId = e.PersonId ?? "", Basis = e.Basis, Reason = e.Reason ?? "",
        }));
        return response;
    }
}
