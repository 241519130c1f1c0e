using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.Data;
using Platform.Engagement.Disengagement;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>Recording contacts (and attempts), amending them with a reason, and reading one back.</summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class ContactGrpcService(
    PersonAccessGuard<EngagementDatabase> guard,
    ContactStore contacts,
    ContactRecorder recorder,
    ContactImport import,
    DisengagementSweep sweep,
    TimeProvider clock) : ContactService.ContactServiceBase
{
    public const int MaximumReasonLength = 500;

    /// <summary>The row, its chronology entry, its event and the reply are built outside the database's one writer.</summary>
    public override async Task<Contact> RecordContact(RecordContactRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var row = ContactInput.ToRow(request.Details, caller, now);
        var prepared = ContactRecorder.Prepare([row], now);
        await guard.RunAsync(context, row.PersonId, "engagement.contact.record", async (access, db, tx) =>
        {
            access.RequireMayWriteFor(row.Agency); // a partner system or admin for another agency: never on break-glass
            await ContactRecorder.CheckOthersPresentAsync(db, tx, row);
            await recorder.RecordAsync(db, tx, prepared);
            return row;
        });
        return ContactMapping.ToProto(row);
    }

    public override async Task<Contact> AmendContact(AmendContactRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        new Validator().RequiredId(request.ContactId, "contact_id")
            .Required(request.Reason, "reason", MaximumReasonLength)
            .Check(request.Details is not null, "details", "is required: the contact as it should read")
            .ThrowIfInvalid();
        return await guard.RunAsync(context, PersonOfContact(request.ContactId), "engagement.contact.amend", async (access, db, tx) =>
        {
            var original = await contacts.GetAsync(db, tx, request.ContactId);
            if (original.SupersededByContactId is not null)
            {
                throw new PreconditionFailedException(
                    $"Contact '{original.ContactId}' has already been amended by '{original.SupersededByContactId}': amend that instead.");
            }
            if (original.Agency != caller.Agency && !caller.IsIn(PlatformRoles.Admin))
            {
                throw new PermissionDeniedException($"Only {original.Agency}, which recorded the contact, may amend it.");
            }
            access.RequireMayWriteFor(original.Agency); // an admin amends in the recording agency's name
            if (request.Details?.PersonId is { Length: > 0 } personId && personId != original.PersonId)
            {
                throw new InvalidArgumentException("details.person_id",
                    "cannot change: amend this contact to say it was recorded in error, and record it against the right person");
            }
            var amendment = ContactInput.ToRow(request.Details, caller, now, personId: original.PersonId);
            amendment.Agency = original.Agency;
            amendment.SupersedesContactId = original.ContactId;
            amendment.AmendmentReason = request.Reason.Trim();
            await ContactRecorder.CheckOthersPresentAsync(db, tx, amendment);
            await recorder.RecordAsync(db, tx, amendment, now);
            return ContactMapping.ToProto(amendment);
        });
    }

    public override Task<Contact> GetContact(GetContactRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.ContactId, "contact_id").ThrowIfInvalid();
        return guard.ReadAsync(context, PersonOfContact(request.ContactId), "engagement.contact.read",
            async (db, tx) => ContactMapping.ToProto(await contacts.GetAsync(db, tx, request.ContactId)));
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfContact(string contactId) =>
        async (db, tx) => (await contacts.GetAsync(db, tx, contactId)).PersonId;
}
