using System.Data.Common;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.IntegrationEvents.Registry;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Referrals;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.EventHandling;

/// <summary>
/// An adult with an open plan moved into another area: the receiving area's adult social care gets a
/// referral for each such plan. Who may read what follows from the registry's rules (the receiving
/// area by her address, the sending area by her address history): nothing is granted here. A move to a
/// confidential address publishes no area, so no referral can name one: engagement's handover addresses
/// the agencies it names.
/// </summary>
public sealed class PersonMovedConsumer(SafeguardingDatabase database, PlanStore plans, ReferralRecorder referrals, TimeProvider clock)
    : IdempotentConsumer<PersonMoved, SafeguardingDatabase>(database)
{
    private static readonly string[] AdultRoles = [EnumWords<MemberRole>.Word(MemberRole.AdultAtRisk), EnumWords<MemberRole>.Word(MemberRole.Adult)];

    protected override async Task HandleAsync(PersonMoved message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        if (message.ToLocalAuthority is not { } toArea || string.Equals(message.FromLocalAuthority, toArea, StringComparison.Ordinal))
        {
            return;
        }
        var group = await ProjectedPeople.GroupAsync(db, tx, message.PersonId) is { Count: > 0 } known ? known : [message.PersonId];
        foreach (var (planId, role) in await plans.OpenMembershipsAsync(db, tx, group))
        {
            var plan = (await plans.GetAsync(db, tx, planId)).Plan;
            if (AdultRoles.Contains(role) && plan.Area != toArea)
            {
                await referrals.CrossBoundaryAsync(db, tx, plan, message.PersonId, toArea, clock.GetUtcNow());
            }
        }
    }
}
