using System.Globalization;
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
        new Validator().RequiredId(request.PersonId, "person_id")
            .Required(request.Agency, "agency", PersonValidation.NameLength)
            .KnownEnum(request.LawfulBasis, "lawful_basis")
            .Required(request.Reason, "reason", 1000)
            .Check(until is null || until > now, "until", "must be in the future")
            .ThrowIfInvalid();
        var caller = Caller.From(context);
        if (context.RequestHeaders.GetValue(PersonAccessGuard<RegistryDatabase>.BreakGlassHeader) is not null)
        {
            throw new PermissionDeniedException("A record opened by break-glass cannot be shared onwards.");
        }
        return guard.RunAsync(context, request.PersonId, "person.share", async (db, tx) =>
        {
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
        });
    }

    [Authorize(Roles = PlatformRoles.AuditReaders)]
    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var before = long.MaxValue;
        new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.PageSize is >= 0 and <= 500, "page_size", "must be between 0 and 500")
            .Check(request.PageToken.Length == 0 || long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out before),
                "page_token", "is not a token this service issued")
            .ThrowIfInvalid();
        var take = request.PageSize == 0 ? 100 : request.PageSize;
        var caller = Caller.From(context);
        return await database.InTransactionAsync(async (db, tx) =>
        {
            var events = await AuditLog.ReadAsync(db, tx, database.Dialect, request.PersonId, before, take + 1);
            // Reading the audit trail is itself an access to be audited.
            await AuditLog.WriteAsync(db, tx, guard.Entry(caller, "audit.read", request.PersonId, "Auditor", null));
            var response = new ListAuditEventsResponse
            {
                NextPageToken = events.Count > take ? events[take - 1].Seq.ToString(CultureInfo.InvariantCulture) : "",
            };
            response.Events.AddRange(events.Take(take).Select(e => new AuditEvent
            {
                At = Timestamp.FromDateTimeOffset(e.Entry.At), Actor = e.Entry.Actor, Role = e.Entry.Role, Agency = e.Entry.Agency,
                Action = e.Entry.Action, PersonId = e.Entry.PersonId ?? "", Basis = e.Entry.Basis, Reason = e.Entry.Reason ?? "",
            }));
            return response;
        }, context.CancellationToken);
    }
}
