using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Housing.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Housing.IntegrationEvents.EventHandling;

/// <summary>
/// Her address timeline, for local connection: the registry's newest snapshot of each record's
/// addresses replaces the one held, and an older one arriving late changes nothing. It never holds a
/// confidential address, so such a stay counts toward no area's local connection and is never shown.
/// </summary>
public sealed class AddressTimelineConsumer(HousingDatabase database, PersonFactsStore facts)
    : IdempotentConsumer<PersonAddressesChanged, HousingDatabase>(database)
{
    protected override Task HandleAsync(PersonAddressesChanged message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        facts.ReplaceTimelineAsync(db, tx, message);
}
