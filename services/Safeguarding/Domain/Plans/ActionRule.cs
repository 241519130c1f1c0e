using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Plans;

/// <summary>
/// Every action of a plan has an owner (the agency and the role within it) and a due date: the review
/// found no clear recording of who does what by when. Its status, if sent, is a known one.
/// </summary>
public static class ActionRule
{
    public const int DescriptionLength = 2000;
    public const int RoleLength = 200;
    public const int AgencyLength = 100;

    /// <summary>Checks a new action; returns its due date when it has a valid one.</summary>
    public static DateTimeOffset? Check(Validator v, PlanAction? action, string field)
    {
        if (action is null)
        {
            v.Add(field, "is required");
            return null;
        }
        v.Required(action.Description, $"{field}.description", DescriptionLength)
            .Required(action.OwnerAgency, $"{field}.owner_agency", AgencyLength)
            .Required(action.OwnerRole, $"{field}.owner_role", RoleLength)
            .Check(Enum.IsDefined(action.Status), $"{field}.status", $"has unknown value {(int)action.Status}")
            .Check(action.Status is ActionStatus.Unspecified or ActionStatus.Open || !Enum.IsDefined(action.Status), $"{field}.status",
                "is open for a new action: it is done or cancelled later");
        return DueDate(v, action.DueAt, $"{field}.due_at");
    }

    /// <summary>A due date is required; one before 1900 or beyond 9999 is a typing mistake.</summary>
    public static DateTimeOffset? DueDate(Validator v, Google.Protobuf.WellKnownTypes.Timestamp? dueAt, string field)
    {
        if (dueAt is null)
        {
            v.Add(field, "is required: by when the owner does it");
            return null;
        }
        return PlanDates.Read(v, dueAt, field);
    }
}
