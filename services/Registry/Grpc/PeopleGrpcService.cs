using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.IntegrationEvents;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>Register, read and update people; search and links are in the partial files beside this.</summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class PeopleGrpcService(
    RegistryDatabase database,
    PersonAccessGuard<RegistryDatabase> guard,
    PersonStore people,
    AddressStore addresses,
    InvolvementStore involvements,
    LinkStore links,
    PersonViews views,
    DuplicateFinder duplicates,
    PersonSearch search,
    PersonStatePublisher state,
    TimeProvider clock) : PeopleService.PeopleServiceBase
{
    public override async Task<RegisterPersonResponse> RegisterPerson(RegisterPersonRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var now = clock.GetUtcNow();
        var v = new Validator();
        PersonValidation.Details(v, request.Details, "details", DateOnly.FromDateTime(now.UtcDateTime));
        if (request.Address is not null)
        {
            PersonValidation.Address(v, request.Address, "address", now);
        }
        v.ThrowIfInvalid();

        // The search reads beside the database's writer; inside it, only the records changed since are
        // scored, so the work every registration waits its turn for is the writing alone.
        var addressKey = request.Address is null ? null : AddressKey.Of(request.Address.Lines, request.Address.Postcode);
        var search = await database.ReadAsync((db, tx) => duplicates.SearchAsync(db, tx, request.Details, addressKey, caller),
            context.CancellationToken);
        var response = new RegisterPersonResponse();
        if (HeldBack(search.Found, request))
        {
            response.PotentialDuplicates.AddRange(search.Found);
            return response; // nothing stored: the caller reviews the candidates first
        }
        var (candidates, personId) = await database.InTransactionAsync<(IReadOnlyList<PotentialDuplicate>, string?)>(async (db, tx) =>
        {
            var found = await duplicates.RecheckAsync(db, tx, request.Details, addressKey, search, caller);
            if (HeldBack(found, request))
            {
                return (found, null);
            }
            await EnsureIdentifiersFreeAsync(db, tx, request.Details, personId: null);

            var personId = Guid.NewGuid().ToString();
            var address = request.Address is null ? null : AddressRows.From(personId, request.Address, caller, now);
            await people.InsertAsync(db, tx, personId, request.Details, address?.LocalAuthority, caller.Agency, now);
            if (address is not null)
            {
                await addresses.InsertAsync(db, tx, address);
            }
            var involvement = new InvolvementRow
            {
                InvolvementId = Guid.NewGuid().ToString(), PersonId = personId, Agency = caller.Agency,
                Worker = caller.Subject, Role = "registering agency", Since = now, Version = 1, StartedByAgency = caller.Agency,
            };
            await involvements.InsertAsync(db, tx, involvement, [personId]);
            await AuditLog.WriteAsync(db, tx, guard.Entry(caller, "person.register", personId, nameof(AccessBasis.Involvement), null));
            // A confidential address leaves the registry with neither its area nor when she moved in.
            var open = address is { Confidential: false };
            await Outbox.EnqueueAsync(db, tx, new PersonRegistered
            {
                PersonId = personId, RegisteredByAgency = caller.Agency, LocalAuthority = open ? address!.LocalAuthority : null,
                LivingThereSince = open ? address!.ValidFrom : null, AddressConfidential = address?.Confidential ?? false, OccurredAt = now,
                DisplayName = PersonNames.Display(request.Details.Names),
            });
            await Outbox.EnqueueAsync(db, tx, InvolvementGrpcService.Started(involvement, now));
            await state.AddressesChangedAsync(db, tx, [personId]);
            return (found, personId);
        }, context.CancellationToken);
        response.PotentialDuplicates.AddRange(candidates);
        if (personId is not null)
        {
            // Read once the registration is durable, as any later read of her would be; not cancelled with
            // the call, so that a registration done is never answered with an error a caller would retry.
            response.Person = await database.ReadAsync((db, tx) => views.ReadAsync(db, tx, personId, caller), CancellationToken.None);
        }
        return response;
    }

    /// <summary>A likely duplicate holds a registration back until the caller confirms it is someone else.</summary>
    private static bool HeldBack(IReadOnlyList<PotentialDuplicate> candidates, RegisterPersonRequest request) =>
        candidates.Any(c => c.Likely) && !request.ConfirmedNotDuplicate;

    public override Task<Person> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "person.read",
            (db, tx) => views.ReadAsync(db, tx, request.PersonId, Caller.From(context)));
    }

    public override async Task<BatchGetPersonsResponse> BatchGetPersons(BatchGetPersonsRequest request, ServerCallContext context)
    {
        var v = new Validator().Check(request.PersonIds.Count is > 0 and <= 100, "person_ids", "must hold between 1 and 100 ids");
        for (var i = 0; i < request.PersonIds.Count; i++)
        {
            v.RequiredId(request.PersonIds[i], $"person_ids[{i}]");
        }
        v.ThrowIfInvalid();
        BreakGlass.RefuseForManyPeople(context);
        var response = new BatchGetPersonsResponse();
        foreach (var id in request.PersonIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var person = await GetPerson(new GetPersonRequest { PersonId = id }, context);
                // Both ids of a linked pair resolve to one person, who is returned once.
                if (!response.Persons.Any(p => p.PersonId == person.PersonId))
                {
                    response.Persons.Add(person);
                }
            }
            catch (NotFoundException)
            {
                response.NotFoundIds.Add(id);
            }
            catch (PermissionDeniedException)
            {
                response.DeniedIds.Add(id);
            }
        }
        return response;
    }

    public override Task<Person> UpdatePerson(UpdatePersonRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var v = new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.ExpectedVersion > 0, "expected_version", "is required: the version you read");
        PersonValidation.Details(v, request.Details, "details", DateOnly.FromDateTime(now.UtcDateTime));
        v.ThrowIfInvalid();
        return guard.RunAsync(context, request.PersonId, "person.update", async (db, tx) =>
        {
            var survivor = await people.ResolveAsync(db, tx, request.PersonId);
            await EnsureIdentifiersFreeAsync(db, tx, request.Details, survivor.PersonId);
            var version = await people.UpdateAsync(db, tx, survivor.PersonId, request.ExpectedVersion, request.Details, now);
            await Outbox.EnqueueAsync(db, tx, new PersonUpdated
            {
                PersonId = survivor.PersonId, Version = version, OccurredAt = now, DisplayName = PersonNames.Display(request.Details.Names),
            });
            return await views.ReadAsync(db, tx, survivor.PersonId, Caller.From(context));
        });
    }

    private async Task EnsureIdentifiersFreeAsync(System.Data.Common.DbConnection db, System.Data.Common.DbTransaction tx,
        PersonDetails details, string? personId)
    {
        // The NHS number is left to its unique index (PersonStore): a check here would pass for two calls at once.
        for (var i = 0; i < details.Identifiers.Count; i++)
        {
            var id = details.Identifiers[i];
            if (await people.IdentifierOwnerAsync(db, tx, id.Agency, id.Value) is { } holder && holder != personId)
            {
                // Named by position, not value: the message travels to logs and other systems.
                throw new AlreadyExistsException($"details.identifiers[{i}] already belongs to another person: find them by searching, then link the records.");
            }
        }
    }
}
