using System.Data.Common;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Referrals;

/// <summary>
/// Sends referrals, inside the caller's transaction: those a caller sends, the Think Family referral a
/// household plan with children raises, and the referral to the receiving area's adult social care
/// when a person with an open plan moves.
/// </summary>
public sealed class ReferralRecorder(ReferralStore referrals, ReferralOptions options)
{
    /// <summary>Stores a new referral as sent, due an answer within the configured days.</summary>
    public async Task<ReferralRow> SendAsync(DbConnection db, DbTransaction tx, ReferralRow row)
    {
        row.Status = EnumWords<ReferralStatus>.Word(ReferralStatus.Sent);
        row.AnswerDueAt = row.SentAt.AddDays(options.AnswerWithinDays);
        row.Version = 1;
        await referrals.InsertAsync(db, tx, row);
        return row;
    }

    /// <summary>Think Family: the plan's household includes children, so the area's children's services hear of it.</summary>
    public async Task<ReferralRow> ThinkFamilyAsync(
        DbConnection db, DbTransaction tx, PlanRow plan, IReadOnlyList<string> childIds, string sentBy, DateTimeOffset now)
    {
        var row = await SendAsync(db, tx, new ReferralRow
        {
            ReferralId = plan.ThinkFamilyReferralId ?? Guid.NewGuid().ToString(), PersonId = plan.PersonId,
            Kind = EnumWords<ReferralKind>.Word(ReferralKind.ThinkFamily), FromAgency = plan.LeadAgency, FromArea = plan.Area,
            ToArea = plan.Area, ToService = ReferralOptions.ChildrensServices,
            Reason = $"Household safeguarding plan includes {childIds.Count} {(childIds.Count == 1 ? "child" : "children")}",
            SentAt = now, SentBy = sentBy, PlanId = plan.PlanId,
        });
        await Outbox.EnqueueAsync(db, tx, new ThinkFamilyReferralRaised
        {
            ReferralId = row.ReferralId, PlanId = plan.PlanId, PersonId = plan.PersonId, ChildIds = childIds,
            FromAgency = plan.LeadAgency, Area = plan.Area, OccurredAt = now,
        });
        return row;
    }

    /// <summary>A person with an open plan moved into another area: its adult social care is asked to take the plan on.</summary>
    public Task<ReferralRow> CrossBoundaryAsync(
        DbConnection db, DbTransaction tx, PlanRow plan, string personId, string toArea, DateTimeOffset now) =>
        SendAsync(db, tx, new ReferralRow
        {
            ReferralId = Guid.NewGuid().ToString(), PersonId = personId, Kind = EnumWords<ReferralKind>.Word(ReferralKind.CrossBoundary),
            FromAgency = plan.LeadAgency, FromArea = plan.Area, ToArea = toArea, ToService = ReferralOptions.AdultSocialCare,
            Reason = "Moved into your area with an open safeguarding plan", SentAt = now, SentBy = "safeguarding", PlanId = plan.PlanId,
        });
}
