using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.Engagement.Disengagement;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.EventHandling;

/// <summary>A change of risk changes the disengagement threshold, so the person is checked again at once.</summary>
public sealed class RiskLevelChangedConsumer(
    EngagementDatabase database, PersonContextStore context, DisengagementMonitor monitor, TimeProvider clock)
    : IdempotentConsumer<RiskLevelChanged, EngagementDatabase>(database)
{
    protected override async Task HandleAsync(RiskLevelChanged message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        if (RiskLevels.Rank(message.RiskLevel) < 0)
        {
            throw new InvalidOperationException($"Unknown risk level '{message.RiskLevel}'.");
        }
        await context.SetRiskAsync(db, tx, message.PersonId, message.RiskLevel, message.OccurredAt);
        await monitor.EvaluateAsync(db, tx, message.PersonId, clock.GetUtcNow());
    }
}
