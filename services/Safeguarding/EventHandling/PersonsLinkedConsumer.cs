using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.IntegrationEvents.Registry;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Plans;

namespace Platform.Safeguarding.EventHandling;

/// <summary>
/// Two records found to be one person. Her plans and referrals are read over the group of linked records
/// (an unlink gives each record its own back), so nothing moves; but two open plans for one person are
/// two teams that do not know of each other: each is flagged for an urgent review.
/// </summary>
public sealed class PersonsLinkedConsumer(SafeguardingDatabase database, PlanStore plans, UrgentReview review, TimeProvider clock)
    : IdempotentConsumer<PersonsLinked, SafeguardingDatabase>(database)
{
    protected override async Task HandleAsync(PersonsLinked message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        // The group as the link makes it, whether or not the access projection has applied the link yet.
        var survivor = await ProjectedPeople.GroupAsync(db, tx, message.PersonId);
        var other = await ProjectedPeople.GroupAsync(db, tx, message.OtherPersonId);
        IReadOnlyList<string> group = [message.PersonId, message.OtherPersonId, .. survivor, .. other];
        var open = await plans.OpenMembershipsAsync(db, tx, group.Distinct(StringComparer.Ordinal).ToList());
        if (open.Count > 1)
        {
            await review.FlagPlansAsync(db, tx, open.Select(m => m.PlanId),
                "Her records were linked: she has more than one open plan", clock.GetUtcNow());
        }
    }
}
