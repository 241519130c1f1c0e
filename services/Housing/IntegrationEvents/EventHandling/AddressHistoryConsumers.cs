using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Validation;
using Platform.Housing.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Housing.IntegrationEvents.EventHandling;

/// <summary>
/// Her address timeline by local authority, for local connection. Each event adds a point; the
/// timeline is sorted when read, so events arriving out of order give the same answer.
/// </summary>
public sealed class AddressOnRegistrationConsumer(HousingDatabase database, PersonFactsStore facts)
    : IdempotentConsumer<PersonRegistered, HousingDatabase>(database)
{
    protected override Task HandleAsync(PersonRegistered message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        GssCode.IsValid(message.LocalAuthority)
            ? facts.AddAddressPointAsync(db, tx, message.PersonId, message.LocalAuthority, message.LivingThereSince ?? message.OccurredAt)
            : Task.CompletedTask;
}

public sealed class AddressOnMoveConsumer(HousingDatabase database, PersonFactsStore facts)
    : IdempotentConsumer<PersonMoved, HousingDatabase>(database)
{
    protected override Task HandleAsync(PersonMoved message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        GssCode.IsValid(message.ToLocalAuthority)
            ? facts.AddAddressPointAsync(db, tx, message.PersonId, message.ToLocalAuthority, message.MovedAt)
            : Task.CompletedTask;
}
