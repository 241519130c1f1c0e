using System.Data.Common;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Safeguarding.Data;

namespace Platform.Safeguarding.Plans;

/// <summary>
/// Flags a person's open plans for an urgent review when something happens that the plan must answer
/// (she disengaged, her tenancy broke down). The flag puts the plan at the top of the area's reviews
/// due; the next review recorded clears it. A plan already flagged keeps its first reason.
/// </summary>
public sealed class UrgentReview(PlanStore plans)
{
    /// <summary>Flags every open plan any record of her group is a member of; returns how many were flagged.</summary>
    public async Task<int> FlagAsync(DbConnection db, DbTransaction tx, string personId, string reason, DateTimeOffset at)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, personId) is { Count: > 0 } known ? known : [personId];
        return await FlagPlansAsync(db, tx, (await plans.OpenMembershipsAsync(db, tx, group)).Select(m => m.PlanId), reason, at);
    }

    public async Task<int> FlagPlansAsync(DbConnection db, DbTransaction tx, IEnumerable<string> planIds, string reason, DateTimeOffset at)
    {
        var flagged = 0;
        foreach (var planId in planIds)
        {
            var plan = (await plans.GetAsync(db, tx, planId)).Plan;
            if (plan.UrgentReviewReason is not null)
            {
                continue;
            }
            plan.UrgentReviewReason = reason;
            plan.UrgentReviewAt = at;
            await plans.UpdateAsync(db, tx, plan, plan.Version);
            flagged++;
        }
        return flagged;
    }
}
