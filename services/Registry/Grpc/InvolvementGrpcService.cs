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
    public const int ReasonLength = 500;

    /// <summary>
    /// An agency with a standing basis (involvement, area or sharing, never break-glass) starts its own
    /// involvement; a lead for the person starts another agency's, with a lawful basis and a reason
    /// (<see cref="LastingWriteRule"/>). The audit entry keeps the basis and, for another agency, the
    /// lawful basis and reason.
    /// </summary>
    public override Task<Involvement> StartInvolvement(StartInvolvementRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var since = Instants.Read(request.Since, "since") ?? now;
        var agency = string.IsNullOrWhiteSpace(request.Agency) ? caller.Agency : request.Agency.Trim();
        var forAnother = agency != caller.Agency;
        var v = new Validator().RequiredId(request.PersonId, "person_id")
            .MaxLength(request.Agency, "agency", PersonValidation.NameLength)
            .MaxLength(request.Worker, "worker", PersonValidation.TextLength)
            .MaxLength(request.Team, "team", PersonValidation.TextLength)
            .MaxLength(request.Role, "role", PersonValidation.TextLength)
            .Check(since <= now.AddMinutes(5), "since", "is in the future");
        if (forAnother)
        {
            // Giving another agency access is a disclosure: its lawful basis and reason are recorded.
            v.KnownEnum(request.LawfulBasis, "lawful_basis").Required(request.Reason, "reason", ReasonLength);
        }
        else
        {
            v.Check(System.Enum.IsDefined(request.LawfulBasis), "lawful_basis", $"has unknown value {(int)request.LawfulBasis}")
                .MaxLength(request.Reason, "reason", ReasonLength);
        }
        v.ThrowIfInvalid();
        var lawful = request.LawfulBasis == LawfulBasis.Unspecified ? (int?)null : (int)request.LawfulBasis;
        return guard.RunAsync(context, request.PersonId, "involvement.start", async (access, db, tx) =>
        {
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var group = await links.GroupAsync(db, tx, person.PersonId);
            var leads = await involvements.LeadAgenciesAsync(db, tx, group, now);
            var write = forAnother ? LastingWrite.StartAnotherAgencysInvolvement
                : request.LeadProfessional && leads.Any(lead => lead != caller.Agency) ? LastingWrite.ChangeAnotherAgencysInvolvement
                : LastingWrite.ChangesAccess;
            access.Require(write, LastingWriteRule.Leads(caller, access.Basis, leads), lawful is not null && !string.IsNullOrWhiteSpace(request.Reason));
            var row = new InvolvementRow
            {
                InvolvementId = Guid.NewGuid().ToString(), PersonId = person.PersonId, Agency = agency,
                Worker = Blank(request.Worker), Team = Blank(request.Team), Role = Blank(request.Role),
                Since = since, LeadProfessional = request.LeadProfessional, Version = 1,
                StartedByAgency = caller.Agency, LawfulBasis = lawful, LawfulBasisReason = Blank(request.Reason),
            };
            await involvements.InsertAsync(db, tx, row, group);
            await Outbox.EnqueueAsync(db, tx, Started(row, now));
            await state.AccessChangedAsync(db, tx, [row.PersonId]);
            return ToProto(row);
        }, forAnother ? $"for {agency}, lawful basis {request.LawfulBasis}: {request.Reason.Trim()}" : null);
    }

    /// <summary>An agency ends its own involvement; another agency's is ended only by a lead for the person.</summary>
    public override async Task<Involvement> EndInvolvement(EndInvolvementRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var until = Instants.Read(request.Until, "until") ?? now;
        new Validator().RequiredId(request.InvolvementId, "involvement_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .Required(request.Reason, "reason", ReasonLength)
            .Check(until <= now.AddMinutes(5), "until", "is in the future")
            .ThrowIfInvalid();
        return await guard.RunAsync(context, PersonOfInvolvement(request.InvolvementId), "involvement.end", async (access, db, tx) =>
        {
            var row = await involvements.GetAsync(db, tx, request.InvolvementId);
            await RequireAsync(access, db, tx, row.PersonId, row.Agency != access.Caller.Agency, now);
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

    /// <summary>
    /// An agency takes the lead for itself where no other agency leads; handing the lead to or from
    /// another agency is for a lead for the person.
    /// </summary>
    public override async Task<Involvement> SetLeadProfessional(SetLeadProfessionalRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.InvolvementId, "involvement_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .ThrowIfInvalid();
        var now = clock.GetUtcNow();
        return await guard.RunAsync(context, PersonOfInvolvement(request.InvolvementId), "involvement.lead", async (access, db, tx) =>
        {
            var row = await involvements.GetAsync(db, tx, request.InvolvementId);
            var group = await links.GroupAsync(db, tx, (await people.ResolveAsync(db, tx, row.PersonId)).PersonId);
            var leads = await involvements.LeadAgenciesAsync(db, tx, group, now);
            var others = row.Agency != access.Caller.Agency || leads.Any(lead => lead != access.Caller.Agency);
            access.Require(others ? LastingWrite.ChangeAnotherAgencysInvolvement : LastingWrite.ChangesAccess,
                LastingWriteRule.Leads(access.Caller, access.Basis, leads));
            if (!row.IsActiveAt(now))
            {
                throw new PreconditionFailedException("An ended involvement cannot lead.");
            }
            await involvements.MakeLeadAsync(db, tx, row, request.ExpectedVersion, group);
            return ToProto(await involvements.GetAsync(db, tx, row.InvolvementId));
        });
    }

    public override Task<ListInvolvementsResponse> ListInvolvements(ListInvolvementsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "involvement.list", async (db, tx) =>
        {
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var rows = await involvements.ForPersonsAsync(db, tx, await links.GroupAsync(db, tx, person.PersonId));
            var now = clock.GetUtcNow();
            var response = new ListInvolvementsResponse { ActiveCount = rows.Count(r => r.IsActiveAt(now)) };
            response.Involvements.AddRange(rows.Where(r => request.IncludeEnded || r.IsActiveAt(now)).Select(ToProto));
            return response;
        });
    }

    /// <summary>Refuses what <see cref="LastingWriteRule"/> does not allow, reading who leads only when it matters.</summary>
    private async Task RequireAsync(PersonAccess access, DbConnection db, DbTransaction tx, string personId, bool anotherAgencys, DateTimeOffset now)
    {
        if (!anotherAgencys)
        {
            access.Require(LastingWrite.ChangesAccess);
            return;
        }
        var group = await links.GroupAsync(db, tx, (await people.ResolveAsync(db, tx, personId)).PersonId);
        access.Require(LastingWrite.ChangeAnotherAgencysInvolvement,
            LastingWriteRule.Leads(access.Caller, access.Basis, await involvements.LeadAgenciesAsync(db, tx, group, now)));
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfInvolvement(string involvementId) =>
        async (db, tx) => (await involvements.GetAsync(db, tx, involvementId)).PersonId;

    internal static InvolvementStarted Started(InvolvementRow row, DateTimeOffset now) => new()
    {
        InvolvementId = row.InvolvementId, PersonId = row.PersonId, Agency = row.Agency, Role = row.Role,
        Since = row.Since, LeadProfessional = row.LeadProfessional, OccurredAt = now,
        StartedByAgency = row.StartedByAgency,
        LawfulBasis = row.LawfulBasis is { } basis ? ((LawfulBasis)basis).ToString() : null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Involvement ToProto(InvolvementRow row) => new()
    {
        InvolvementId = row.InvolvementId, PersonId = row.PersonId, Agency = row.Agency,
        Worker = row.Worker ?? "", Team = row.Team ?? "", Role = row.Role ?? "",
        Since = Timestamp.FromDateTimeOffset(row.Since), Until = PersonValidation.Optional(row.Until),
        LeadProfessional = row.LeadProfessional, EndReason = row.EndReason ?? "", Version = row.Version,
        StartedByAgency = row.StartedByAgency ?? "", LawfulBasis = (LawfulBasis)(row.LawfulBasis ?? 0),
        LawfulBasisReason = row.LawfulBasisReason ?? "",
    };
}
