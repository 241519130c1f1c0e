using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Validation;
using Platform.Engagement.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>
/// Handovers are addressed to the receiving area: its callers see and acknowledge them even where
/// they cannot yet see the person's record. A move to a confidential address is addressed to the
/// agencies it names instead, and only they list, read or acknowledge it: it holds no area, so no
/// filter, list or error can tell anyone else where she is. The latest contacts are shown only to
/// callers who may see the person.
/// </summary>
public sealed partial class OutreachGrpcService
{
    public const int LatestContacts = 5;

    public override Task<ListHandoversResponse> ListHandovers(ListHandoversRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        BreakGlass.RefuseForManyPeople(context);
        var area = request.LocalAuthority.Length > 0 ? GssCode.Normalise(request.LocalAuthority) : caller.LocalAuthority;
        new Validator().Check(GssCode.IsValid(area), "local_authority",
            request.LocalAuthority.Length > 0 ? "must be a nine-character GSS code such as E06000023" : "is required: your token names no area")
            .ThrowIfInvalid();
        return database.InTransactionAsync(async (db, tx) =>
        {
            var response = new ListHandoversResponse();
            var audit = new List<AuditEntry>();
            var rows = await handovers.ForAreaAsync(db, tx, area!, request.IncludeAcknowledged);
            if (area == caller.LocalAuthority && caller.Agency.Length > 0)
            {
                rows = [.. rows, .. await handovers.ForAgencyAsync(db, tx, caller.Agency, request.IncludeAcknowledged)];
            }
            foreach (var row in rows)
            {
                if (await BasisAsync(caller, row, db, tx, context) is { } basis)
                {
                    audit.Add(guard.Entry(caller, "engagement.handover.list", row.PersonId, basis, null));
                    response.Handovers.Add(await ViewAsync(caller, row, basis, db, tx));
                }
            }
            await AuditLog.WriteAsync(db, tx, audit);
            return response;
        }, context.CancellationToken);
    }

    public override async Task<Handover> GetHandover(GetHandoverRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.HandoverId, "handover_id").ThrowIfInvalid();
        var caller = Caller.From(context);
        return await AuditedAsync(context, request.HandoverId, "engagement.handover.read", async (row, basis, db, tx) =>
            await ViewAsync(caller, row, basis, db, tx));
    }

    public override async Task<Handover> AcknowledgeHandover(AcknowledgeHandoverRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.HandoverId, "handover_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read")
            .MaxLength(request.Note, "note", 1000)
            .ThrowIfInvalid();
        var caller = Caller.From(context);
        return await AuditedAsync(context, request.HandoverId, "engagement.handover.acknowledge", async (row, basis, db, tx) =>
        {
            // A confidential move's handover reaches here only for the agencies it is addressed to.
            if (!row.AddressConfidential && row.ToLocalAuthority != caller.LocalAuthority)
            {
                if (!caller.IsIn(PlatformRoles.Admin))
                {
                    throw new PermissionDeniedException("Only the receiving area acknowledges this handover.");
                }
                // An admin acknowledges for the receiving area: in its name, so never on break-glass.
                if (LastingWriteRule.Refusal(new LastingWriteRequest(LastingWrite.ForAnotherAgency, System.Enum.Parse<AccessBasis>(basis))) is { } refusal)
                {
                    throw new PermissionDeniedException(refusal);
                }
            }
            await recorder.AcknowledgeAsync(db, tx, row, request.ExpectedVersion, caller, request.Note, clock.GetUtcNow());
            return await ViewAsync(caller, await handovers.GetAsync(db, tx, row.HandoverId), basis, db, tx);
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a handover the caller may see, its audit entry in the same
    /// transaction; a refusal is audited after nothing else was done.
    /// </summary>
    private async Task<Handover> AuditedAsync(
        ServerCallContext context, string handoverId, string action, Func<HandoverRow, string, DbConnection, DbTransaction, Task<Handover>> work)
    {
        var caller = Caller.From(context);
        var reason = BreakGlass.Reason(context);
        string? person = null;
        Handover? done;
        try
        {
            done = await database.InTransactionAsync(async (db, tx) =>
            {
                var row = await handovers.GetAsync(db, tx, handoverId);
                person = row.PersonId;
                if (await BasisAsync(caller, row, db, tx, context, reason) is not { } basis)
                {
                    return null;
                }
                await AuditLog.WriteAsync(db, tx, guard.Entry(caller, action, row.PersonId, basis, reason));
                return await work(row, basis, db, tx);
            }, context.CancellationToken);
        }
        catch (PermissionDeniedException)
        {
            // Refused by the work (another area acknowledging): the granted entry rolled back with it.
            await AuditRefusalAsync(caller, action, person, reason);
            throw;
        }
        if (done is not null)
        {
            return done;
        }
        await AuditRefusalAsync(caller, action, person, reason);
        throw new PermissionDeniedException("No legitimate relationship with this person, and the handover is not addressed to you.");
    }

    private Task AuditRefusalAsync(Caller caller, string action, string? personId, string? reason) => database.InTransactionAsync(
        (db, tx) => AuditLog.WriteAsync(db, tx, guard.Entry(caller, action, personId, PersonAccessGuard<EngagementDatabase>.DeniedBasis, reason)),
        CancellationToken.None);

    private async Task<string?> BasisAsync(
        Caller caller, HandoverRow row, DbConnection db, DbTransaction tx, ServerCallContext context, string? reason = null)
    {
        if (row.AddressConfidential)
        {
            return (await handovers.RecipientsAsync(db, tx, row.HandoverId)).Contains(caller.Agency) ? "Handover" : null;
        }
        if (caller.LocalAuthority.Length > 0 && caller.LocalAuthority == row.ToLocalAuthority)
        {
            return "Handover";
        }
        return (await guard.DecideAsync(caller, row.PersonId, reason, db, tx, context.CancellationToken))?.ToString();
    }

    private async Task<Handover> ViewAsync(Caller caller, HandoverRow row, string basis, DbConnection db, DbTransaction tx)
    {
        var view = new Handover
        {
            HandoverId = row.HandoverId, PersonId = row.PersonId, FromLocalAuthority = row.FromLocalAuthority ?? "",
            ToLocalAuthority = row.ToLocalAuthority ?? "",
            MovedAt = Timestamp.FromDateTimeOffset(row.MovedAt), RequestedAt = Timestamp.FromDateTimeOffset(row.RequestedAt),
            RiskLevel = row.RiskLevel, AddressConfidential = row.AddressConfidential,
            AcknowledgedAt = row.AcknowledgedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            AcknowledgedByAgency = row.AcknowledgedByAgency ?? "", AcknowledgementNote = row.AcknowledgementNote ?? "", Version = row.Version,
        };
        view.SendingAgencies.AddRange(row.SendingAgencyList);
        if (row.AddressConfidential)
        {
            view.ReceivingAgencies.AddRange(await handovers.RecipientsAsync(db, tx, row.HandoverId));
        }
        if (basis != "Handover" || await guard.DecideAsync(caller, row.PersonId, null, db, tx, CancellationToken.None) is not null)
        {
            var group = await ProjectedPeople.GroupAsync(db, tx, row.PersonId);
            foreach (var contact in await contacts.LatestBeforeAsync(db, tx, group.Count == 0 ? [row.PersonId] : group, row.MovedAt, LatestContacts))
            {
                view.LatestContacts.Add(new HandoverContact
                {
                    ContactId = contact.ContactId, ContactAt = Timestamp.FromDateTimeOffset(contact.ContactAt), Agency = contact.Agency,
                    Summary = Chronology.ContactEntries.For(contact).Summary,
                });
            }
        }
        return view;
    }
}
