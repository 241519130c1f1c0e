using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>
/// The area she lives in now, for the area outreach worklist: the open period of the registry's
/// newest address timeline of her record. The timeline leaves out a confidential address, so while
/// she lives at one no area is known here and no area's worklist shows her.
/// </summary>
public sealed class PersonAddressesChangedConsumer(EngagementDatabase database, PersonContextStore context)
    : IdempotentConsumer<PersonAddressesChanged, EngagementDatabase>(database)
{
    protected override Task HandleAsync(PersonAddressesChanged message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        context.SetAreaAsync(db, tx, message.PersonId, CurrentArea(message), message.Sequence);

    public static string? CurrentArea(PersonAddressesChanged timeline) =>
        timeline.Addresses.Where(a => a.Until is null).MaxBy(a => a.From)?.LocalAuthority;
}
