using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.IntegrationEvents;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>
/// Every address recorded publishes the state of the records it touched (the new address's and the
/// one whose address it closed); a move also publishes <see cref="PersonMoved"/>.
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed class AddressGrpcService(
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    AddressStore addresses,
    LinkStore links,
    PersonViews views,
    PersonStatePublisher state,
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
            var outcome = Apply(current, row);
            await people.BumpVersionAsync(db, tx, person.PersonId, request.ExpectedVersion, outcome.BecomesCurrent ? row.LocalAuthority : null, now);
            if (outcome.Closes is { } closed)
            {
                await addresses.CloseAsync(db, tx, closed.AddressId, outcome.CloseAt!.Value);
            }
            await addresses.InsertAsync(db, tx, row);
            await state.AddressesChangedAsync(db, tx, outcome.Closes is null ? [person.PersonId] : [person.PersonId, outcome.Closes.PersonId]);
            if (outcome.IsMove)
            {
                await Outbox.EnqueueAsync(db, tx, Moved(row, outcome, now) with { RecordedByAgency = caller.Agency });
            }
            return await views.ReadAsync(db, tx, person.PersonId, caller);
        });
    }

    private static AddressHistory.Outcome Apply(AddressRow? current, AddressRow row)
    {
        try
        {
            return AddressHistory.Apply(
                current is null ? null : new AddressHistory.Current(current.AddressId, current.PersonId, current.LocalAuthority, current.ValidFrom, current.Confidential),
                row.LocalAuthority, row.Confidential, row.ValidFrom, row.ValidUntil);
        }
        catch (ArgumentException)
        {
            throw new InvalidArgumentException("address.from", "starts before the current address: give an until date to record a past address");
        }
    }

    /// <summary>A confidential address is named by neither its area nor its lines: only the agencies it names are.</summary>
    private static PersonMoved Moved(AddressRow row, AddressHistory.Outcome outcome, DateTimeOffset now) => new()
    {
        PersonId = row.PersonId, FromLocalAuthority = outcome.FromLocalAuthority,
        ToLocalAuthority = row.Confidential ? null : row.LocalAuthority, MovedAt = row.ValidFrom,
        AddressConfidential = row.Confidential, VisibleToAgencies = row.Confidential ? row.VisibleTo() : [], OccurredAt = now,
    };
}
