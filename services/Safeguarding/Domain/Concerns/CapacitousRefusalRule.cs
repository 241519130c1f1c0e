using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Concerns;

/// <summary>
/// Capacity is not a closure reason by itself: a closure or a decision of no further action that
/// rests on the adult's capacitous refusal records the risks explained to her, the support offered,
/// and a follow-up date (in the future), which then lands on the worklist.
/// </summary>
public static class CapacitousRefusalRule
{
    public const int MaximumLength = 2000;

    public static void Check(Validator v, CapacitousRefusal refusal, string prefix, DateTimeOffset now)
    {
        v.Required(refusal.RisksExplained, prefix + ".risks_explained", MaximumLength);
        v.Required(refusal.SupportOffered, prefix + ".support_offered", MaximumLength);
        if (refusal.FollowUpAt is null)
        {
            v.Add(prefix + ".follow_up_at", "is required: when someone goes back to her");
            return;
        }
        var followUp = Instants.Read(refusal.FollowUpAt, prefix + ".follow_up_at")!.Value;
        v.Check(followUp > now, prefix + ".follow_up_at", "must be in the future");
    }
}
