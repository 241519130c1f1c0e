using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class AddressGrpcService(
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    AddressStore addresses,
    LinkStore links,
    PersonViews views,
    TimeProvider clock) : AddressService.AddressServiceBase
{
    public override Task<Person> RecordAddress(RecordAddressRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read");
        PersonValidation.Address(v, request.Address, "address", now);
        v.ThrowIfInvalid();
        var caller = Caller.From(context);
        return guard.RunAsync(context, request.PersonId, "person.address.record", async (access, db, tx) =>
        {
            // An address grants its area access to her record: never on break-glass.
            access.Require(LastingWrite.ChangesAccess);
            var person = await people.ResolveAsync(db, tx, request.PersonId);
            var row = AddressRows.From(person.PersonId, request.Address, caller, now);
            var current = AddressStore.CurrentOf(await addresses.ForPersonsAsync(db, tx, await links.GroupAsync(db, tx, person.PersonId)));
            AddressHistory.Outcome outcome;
            try
            {
                outcome = AddressHistory.Apply(
                    current is null ? null : new AddressHistory.Current(current.AddressId, current.LocalAuthority, current.ValidFrom),
                    row.LocalAuthority, row.ValidFrom, row.ValidUntil);
            }
            catch (ArgumentException)
            {
                throw new InvalidArgumentException("address.from", "starts before the current address: give an until date to record a past address");
            }
            await people.BumpVersionAsync(db, tx, person.PersonId, request.ExpectedVersion, outcome.BecomesCurrent ? row.LocalAuthority : null, now);
            if (outcome.CloseAddressId is not null)
            {
                await addresses.CloseAsync(db, tx, outcome.CloseAddressId, outcome.CloseAt!.Value);
            }
            await addresses.InsertAsync(db, tx, row);
            if (outcome.IsMove)
            {
                await Outbox.EnqueueAsync(db, tx, new PersonMoved
                {
                    PersonId = person.PersonId, FromLocalAuthority = outcome.FromLocalAuthority,
                    ToLocalAuthority = row.LocalAuthority, MovedAt = row.ValidFrom, AddressConfidential = row.Confidential, OccurredAt = now,
                });
            }
            return await views.LoadAsync(db, tx, (await people.GetAsync(db, tx, person.PersonId))!, caller);
        });
    }
}
