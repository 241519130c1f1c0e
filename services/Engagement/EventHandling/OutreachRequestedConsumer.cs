using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.Engagement.Disengagement;
using Platform.IntegrationEvents.Housing;

namespace Platform.Engagement.EventHandling;

/// <summary>Another service could not reach the person: she goes on the outreach worklist.</summary>
public sealed class OutreachRequestedConsumer(EngagementDatabase database, DisengagementMonitor monitor, TimeProvider clock)
    : IdempotentConsumer<AssertiveOutreachRequested, EngagementDatabase>(database)
{
    protected override Task HandleAsync(AssertiveOutreachRequested message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        monitor.RequestAsync(db, tx, message.PersonId, message.Agency, $"{message.Agency}: {message.Reason}", clock.GetUtcNow());
}
