using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>
/// The area a person lives in when registered, for the area outreach worklist. It is kept as older
/// than any move: a move may be dated before the registration was made (an address recorded late),
/// and must still win, while a registration that arrives after a move must not roll the area back.
/// </summary>
public sealed class PersonRegisteredConsumer(EngagementDatabase database, PersonContextStore context)
    : IdempotentConsumer<PersonRegistered, EngagementDatabase>(database)
{
    protected override Task HandleAsync(PersonRegistered message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        message.LocalAuthority is null
            ? Task.CompletedTask
            : context.SetAreaAsync(db, tx, message.PersonId, message.LocalAuthority, message.AddressConfidential, DateTimeOffset.MinValue);
}
