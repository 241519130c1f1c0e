using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>
/// Linking keeps both records: the other record resolves to the one that stays while the link
/// stands, and comes back intact when it is undone. Users prefer this to a merge for that reason.
/// </summary>
public sealed partial class PeopleGrpcService
{
    public override async Task<PersonLink> LinkPersons(LinkPersonsRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.PersonId, "person_id").RequiredId(request.OtherPersonId, "other_person_id")
            .Required(request.Reason, "reason", 500)
            .Check(request.PersonId != request.OtherPersonId, "other_person_id", "must differ from person_id");
        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        // The caller must be entitled to see both records, and both accesses are audited. A link opens
        // each record to everyone who may see the other, so it needs a standing basis on both: never break-glass.
        await guard.RunAsync(context, request.OtherPersonId, "person.link", (access, _, _) =>
        {
            access.Require(LastingWrite.ChangesAccess);
            return Task.FromResult(true);
        });
        return await guard.RunAsync(context, request.PersonId, "person.link", async (access, db, tx) =>
        {
            access.Require(LastingWrite.ChangesAccess);
            var survivor = await people.GetAsync(db, tx, request.PersonId) ?? throw new NotFoundException("Person", request.PersonId);
            var other = await people.GetAsync(db, tx, request.OtherPersonId) ?? throw new NotFoundException("Person", request.OtherPersonId);
            // Both records are held from here: a link of either made at the same time waits, then finds it linked.
            if (!await people.ClaimStandingAsync(db, tx, survivor.PersonId, other.PersonId))
            {
                var current = await people.GetAsync(db, tx, other.PersonId);
                throw current?.LinkedTo == survivor.PersonId
                    ? new AlreadyExistsException("These records are already linked: list the links to find it.")
                    : new PreconditionFailedException("A record already linked into another cannot be linked again: link to the record it resolves to.");
            }
            // Over both groups: records split apart must not come back together through a record
            // linked into either of them since.
            var survivorGroup = await links.GroupAsync(db, tx, survivor.PersonId);
            var otherGroup = await links.GroupAsync(db, tx, other.PersonId);
            if ((await links.UnlinkedPartnersAsync(db, tx, survivorGroup)).Overlaps(otherGroup))
            {
                throw new PreconditionFailedException("These records were linked and then unlinked as different people.");
            }
            var link = new LinkRow
            {
                LinkId = Guid.NewGuid().ToString(), PersonId = survivor.PersonId, OtherPersonId = other.PersonId,
                Reason = request.Reason.Trim(), LinkedAt = now, LinkedByAgency = caller.Agency,
            };
            await links.InsertAsync(db, tx, link);
            await people.LinkIntoAsync(db, tx, other.PersonId, survivor.PersonId);
            // Records linked into the other follow it to the survivor.
            foreach (var follower in otherGroup.Skip(1))
            {
                await people.SetLinkedToAsync(db, tx, follower, survivor.PersonId);
            }
            await Outbox.EnqueueAsync(db, tx, new PersonsLinked { LinkId = link.LinkId, PersonId = link.PersonId, OtherPersonId = link.OtherPersonId, OccurredAt = now });
            await state.AccessChangedAsync(db, tx, [survivor.PersonId, .. otherGroup]);
            return ToProto(link);
        });
    }

    public override async Task<PersonLink> UnlinkPersons(UnlinkPersonsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.LinkId, "link_id").Required(request.Reason, "reason", 500).ThrowIfInvalid();
        var now = clock.GetUtcNow();
        return await guard.RunAsync(context, async (db, tx) => (await links.GetAsync(db, tx, request.LinkId)).PersonId, "person.unlink", async (access, db, tx) =>
        {
            access.Require(LastingWrite.ChangesAccess); // unlinking changes who sees each record too
            var link = await links.GetAsync(db, tx, request.LinkId);
            await links.UnlinkAsync(db, tx, link.LinkId, request.Reason.Trim(), now);
            await people.SetLinkedToAsync(db, tx, link.OtherPersonId, null);
            // Records linked into the other record before it followed it to the survivor; they
            // are the other record's, so they go back with it.
            var restored = await links.LinkedIntoAsync(db, tx, link.OtherPersonId);
            foreach (var follower in restored)
            {
                await people.SetLinkedToAsync(db, tx, follower, link.OtherPersonId);
            }
            await Outbox.EnqueueAsync(db, tx, new PersonsUnlinked
            {
                LinkId = link.LinkId, PersonId = link.PersonId, OtherPersonId = link.OtherPersonId,
                RestoredPersonIds = [.. restored], OccurredAt = now,
            });
            await state.AccessChangedAsync(db, tx, [link.PersonId, link.OtherPersonId, .. restored]);
            return ToProto(await links.GetAsync(db, tx, link.LinkId));
        });
    }

    public override Task<ListLinksResponse> ListLinks(ListLinksRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "person.links", async (db, tx) =>
        {
            var survivor = await people.ResolveAsync(db, tx, request.PersonId);
            var history = await links.HistoryAsync(db, tx, await links.GroupAsync(db, tx, survivor.PersonId));
            var response = new ListLinksResponse();
            response.Links.AddRange(history.Select(ToProto));
            return response;
        });
    }

    private static PersonLink ToProto(LinkRow row) => new()
    {
        LinkId = row.LinkId,
        PersonId = row.PersonId,
        OtherPersonId = row.OtherPersonId,
        Reason = row.Reason,
        LinkedAt = Timestamp.FromDateTimeOffset(row.LinkedAt),
        LinkedByAgency = row.LinkedByAgency,
        UnlinkedAt = PersonValidation.Optional(row.UnlinkedAt),
        UnlinkReason = row.UnlinkReason ?? "",
    };
}
