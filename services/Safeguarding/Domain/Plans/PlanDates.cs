using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Domain.Plans;

/// <summary>
/// The dates of a plan. A review date is in the future: a plan whose next review is already past
/// would be overdue the moment it is agreed.
/// </summary>
public static class PlanDates
{
    /// <summary>A date a caller sent, collected as a violation of <paramref name="field"/> when malformed.</summary>
    public static DateTimeOffset? Read(Validator v, Timestamp? value, string field)
    {
        try
        {
            return Instants.Read(value, field);
        }
        catch (InvalidArgumentException e)
        {
            v.Add(field, e.Violations[0].Description);
            return null;
        }
    }

    /// <summary>The next review: required, and after <paramref name="now"/>.</summary>
    public static DateTimeOffset? NextReview(Validator v, Timestamp? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            v.Add(field, "is required: when the plan is next reviewed");
            return null;
        }
        var at = Read(v, value, field);
        if (at is not null && at <= now)
        {
            v.Add(field, "is in the past: a review is set for a date to come");
            return null;
        }
        return at;
    }
}
