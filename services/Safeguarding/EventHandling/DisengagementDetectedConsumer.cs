using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Engagement;
using Platform.Safeguarding.Plans;

namespace Platform.Safeguarding.EventHandling;

/// <summary>She disengaged: her open plan is flagged for an urgent review (not closed: disengagement is a reason to look harder).</summary>
public sealed class DisengagementDetectedConsumer(SafeguardingDatabase database, UrgentReview review, TimeProvider clock)
    : IdempotentConsumer<DisengagementDetected, SafeguardingDatabase>(database)
{
    protected override Task HandleAsync(DisengagementDetected message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        review.FlagAsync(db, tx, message.PersonId, $"Disengagement detected ({message.Rule})", clock.GetUtcNow());
}
