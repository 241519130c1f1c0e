using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>Keeps the person's current area, and opens a handover when the move crosses a boundary.</summary>
public sealed class PersonMovedConsumer(
    EngagementDatabase database, PersonContextStore context, HandoverRecorder handovers, TimeProvider clock)
    : IdempotentConsumer<PersonMoved, EngagementDatabase>(database)
{
    protected override async Task HandleAsync(PersonMoved message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await context.SetAreaAsync(db, tx, message.PersonId, message.ToLocalAuthority, message.AddressConfidential, message.MovedAt);
        if (HandoverRecorder.CrossesBoundary(message))
        {
            await handovers.OpenAsync(db, tx, message, clock.GetUtcNow());
        }
    }
}
