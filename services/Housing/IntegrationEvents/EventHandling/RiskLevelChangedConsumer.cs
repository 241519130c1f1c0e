using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Housing.Data;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Housing.IntegrationEvents.EventHandling;

/// <summary>
/// A new shared risk level replaces the one in her profile for matching, and her open offers are
/// checked again: each that no longer fits is marked with the rules it now fails.
/// </summary>
public sealed class RiskLevelChangedConsumer(
    HousingDatabase database, PersonFactsStore facts, OpenOfferRecheck recheck, TimeProvider clock, ILogger<RiskLevelChangedConsumer> logger)
    : IdempotentConsumer<RiskLevelChanged, HousingDatabase>(database)
{
    protected override async Task HandleAsync(RiskLevelChanged message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        if (RiskLevels.Rank(message.RiskLevel) < 0)
        {
            logger.LogWarning("RiskLevelChanged for {PersonId} has an unknown level; ignored", message.PersonId);
            return;
        }
        var assessedAt = message.OccurredAt == default ? clock.GetUtcNow() : message.OccurredAt;
        await facts.RecordRiskAsync(db, tx, new RiskRow
        {
            PersonId = message.PersonId, RiskLevel = message.RiskLevel, Agency = message.Agency, AssessedAt = assessedAt,
        });
        var noLongerFit = await recheck.RecheckAsync(db, tx, message.PersonId, clock.GetUtcNow());
        foreach (var offerId in noLongerFit)
        {
            logger.LogInformation("Offer {OfferId} no longer fits {PersonId} after a risk-level change", offerId, message.PersonId);
        }
    }
}
