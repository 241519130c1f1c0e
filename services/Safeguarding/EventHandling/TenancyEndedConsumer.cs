using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Housing;
using Platform.Safeguarding.Plans;

namespace Platform.Safeguarding.EventHandling;

/// <summary>A tenancy that broke down is a change the plan must answer: her open plan is flagged for review. Planned moves are not.</summary>
public sealed class TenancyEndedConsumer(SafeguardingDatabase database, UrgentReview review, TimeProvider clock)
    : IdempotentConsumer<TenancyEnded, SafeguardingDatabase>(database)
{
    public const string Breakdown = "breakdown";

    protected override async Task HandleAsync(TenancyEnded message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        if (message.EndKind == Breakdown)
        {
            await review.FlagAsync(db, tx, message.PersonId, "Tenancy broke down", clock.GetUtcNow());
        }
    }
}
