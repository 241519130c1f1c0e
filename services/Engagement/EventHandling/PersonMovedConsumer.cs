using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>A move across a boundary, or to a confidential address, opens a handover.</summary>
public sealed class PersonMovedConsumer(EngagementDatabase database, HandoverRecorder handovers, TimeProvider clock)
    : IdempotentConsumer<PersonMoved, EngagementDatabase>(database)
{
    protected override async Task HandleAsync(PersonMoved message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        if (HandoverRecorder.CrossesBoundary(message))
        {
            await handovers.OpenAsync(db, tx, message, clock.GetUtcNow());
        }
    }
}
