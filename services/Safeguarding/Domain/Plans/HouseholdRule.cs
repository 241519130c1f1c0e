using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Domain.Plans;

/// <summary>
/// Who a plan covers. The person it is about is its first member (the adult at risk, unless listed
/// otherwise); a household plan lists the other adults and the children, each once. Think Family:
/// a household plan that includes a child is referred to the children's services of the area.
/// </summary>
public static class HouseholdRule
{
    public const int MaximumMembers = 30;

    /// <summary>The members, the person first; each field checked and named.</summary>
    public static IReadOnlyList<PlanMember> Members(Validator v, string personId, IReadOnlyList<PlanMember> members)
    {
        v.Check(members.Count <= MaximumMembers, "members", $"must list at most {MaximumMembers} people");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            v.RequiredId(members[i].PersonId, $"members[{i}].person_id")
                .KnownEnum(members[i].Role, $"members[{i}].role")
                .Check(seen.Add(members[i].PersonId), $"members[{i}].person_id", "is listed twice");
        }
        var person = members.FirstOrDefault(m => m.PersonId == personId)
            ?? new PlanMember { PersonId = personId, Role = MemberRole.AdultAtRisk };
        v.Check(person.Role != MemberRole.Child, "members", "the person the plan is about is an adult: the plan is an adult safeguarding plan");
        return [person, .. members.Where(m => m.PersonId != personId)];
    }

    public static bool IncludesChildren(IEnumerable<PlanMember> members) => members.Any(m => m.Role == MemberRole.Child);
}
