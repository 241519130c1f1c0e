using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.IntegrationEvents;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>The agency-involvement register: who is working with a person, since when, and who leads.</summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class InvolvementGrpcService(
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    InvolvementStore involvements,
    LinkStore links,
    PersonStatePublisher state,
    TimeProvider clock) : InvolvementService.InvolvementServiceBase
{
    public override Task<Involvement> StartInvolvement(StartInvolvementRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var since = Instants.Read(request.Since, "since") ?? now;
        new Validator().RequiredId(request.PersonId, "person_id")
            .MaxLength(request.Agency, "agency", PersonValidation.NameLength)
            .MaxLength(request.Worker, "worker", PersonValidation.TextLength)
            .MaxLength(request.Team, "team", PersonValidation.TextLength)
            .MaxLength(request.Role, "role", PersonValidation.TextLength)
            .Check(since <= now.AddMinutes(5), "since", "is in the future")
            .ThrowIfInvalid();
        return guard.RunAsync(context, request.PersonId, "involvement.start", async (db, tx) =>
        {
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var row = new InvolvementRow
            {
                InvolvementId = Guid.NewGuid().ToString(), PersonId = person.PersonId,
                Agency = string.IsNullOrWhiteSpace(request.Agency) ? caller.Agency : request.Agency.Trim(),
                Worker = Blank(request.Worker), Team = Blank(request.Team), Role = Blank(request.Role),
                Since = since, LeadProfessional = request.LeadProfessional, Version = 1,
            };
            await involvements.InsertAsync(db, tx, row, await links.GroupAsync(db, tx, person.PersonId));
            await Outbox.EnqueueAsync(db, tx, Started(row, now));
            await state.AccessChangedAsync(db, tx, [row.PersonId]);
            return ToProto(row);
        });
    }

    public override async Task<Involvement> EndInvolvement(EndInvolvementRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var until = Instants.Read(request.Until, "until") ?? now;
        new Validator().RequiredId(request.InvolvementId, "involvement_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .Required(request.Reason, "reason", 500)
            .Check(until <= now.AddMinutes(5), "until", "is in the future")
            .ThrowIfInvalid();
        return await guard.RunAsync(context, PersonOfInvolvement(request.InvolvementId), "involvement.end", async (db, tx) =>
        {
            var row = await involvements.GetAsync(db, tx, request.InvolvementId);
            if (row.Until is not null)
            {
                throw new PreconditionFailedException("The involvement has already ended.");
            }
            if (until < row.Since)
            {
                throw new InvalidArgumentException("until", "is before the involvement started");
            }
            await involvements.EndAsync(db, tx, row, request.ExpectedVersion, until, request.Reason.Trim());
            await Outbox.EnqueueAsync(db, tx, new InvolvementEnded
            {
                InvolvementId = row.InvolvementId, PersonId = row.PersonId, Agency = row.Agency, Until = until,
                Reason = request.Reason.Trim(), OccurredAt = now,
            });
            await state.AccessChangedAsync(db, tx, [row.PersonId]);
            return ToProto(await involvements.GetAsync(db, tx, row.InvolvementId));
        });
    }

    public override async Task<Involvement> SetLeadProfessional(SetLeadProfessionalRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.InvolvementId, "involvement_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .ThrowIfInvalid();
        return await guard.RunAsync(context, PersonOfInvolvement(request.InvolvementId), "involvement.lead", async (db, tx) =>
        {
            var row = await involvements.GetAsync(db, tx, request.InvolvementId);
            if (!row.IsActiveAt(clock.GetUtcNow()))
            {
                throw new PreconditionFailedException("An ended involvement cannot lead.");
            }
            var person = await people.ResolveAsync(db, tx, row.PersonId);
            await involvements.MakeLeadAsync(db, tx, row, request.ExpectedVersion, await links.GroupAsync(db, tx, person.PersonId));
            return ToProto(await involvements.GetAsync(db, tx, row.InvolvementId));
        });
    }

    public override Task<ListInvolvementsResponse> ListInvolvements(ListInvolvementsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.RunAsync(context, request.PersonId, "involvement.list", async (db, tx) =>
        {
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var rows = await involvements.ForPersonsAsync(db, tx, await links.GroupAsync(db, tx, person.PersonId));
            var now = clock.GetUtcNow();
            var response = new ListInvolvementsResponse { ActiveCount = rows.Count(r => r.IsActiveAt(now)) };
            response.Involvements.AddRange(rows.Where(r => request.IncludeEnded || r.IsActiveAt(now)).Select(ToProto));
            return response;
        });
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfInvolvement(string involvementId) =>
        async (db, tx) => (await involvements.GetAsync(db, tx, involvementId)).PersonId;

    internal static InvolvementStarted Started(InvolvementRow row, DateTimeOffset now) => new()
    {
        InvolvementId = row.InvolvementId, PersonId = row.PersonId, Agency = row.Agency, Role = row.Role,
        Since = row.Since, LeadProfessional = row.LeadProfessional, OccurredAt = now,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Involvement ToProto(InvolvementRow row) => new()
    {
        InvolvementId = row.InvolvementId, PersonId = row.PersonId, Agency = row.Agency,
        Worker = row.Worker ?? "", Team = row.Team ?? "", Role = row.Role ?? "",
        Since = Timestamp.FromDateTimeOffset(row.Since), Until = PersonValidation.Optional(row.Until),
        LeadProfessional = row.LeadProfessional, EndReason = row.EndReason ?? "", Version = row.Version,
    };
}
