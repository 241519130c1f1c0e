using Platform.BuildingBlocks.Errors;
using Platform.Safeguarding.Domain.Plans;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>The field checks of a plan's parts; each names the field (e.g. <c>actions[1].owner_agency</c>).</summary>
internal static class PlanRequests
{
    public const int MaximumParts = 50;

    public static Validator Risks(this Validator v, IReadOnlyList<PlanRisk> risks)
    {
        v.Check(risks.Count <= MaximumParts, "risks", $"must list at most {MaximumParts}");
        for (var i = 0; i < risks.Count; i++)
        {
            v.Required(risks[i].Description, $"risks[{i}].description", SafeguardingRequests.TextLength)
                .KnownEnum(risks[i].Level, $"risks[{i}].level");
        }
        return v;
    }

    public static Validator Actions(this Validator v, IReadOnlyList<PlanAction> actions)
    {
        v.Check(actions.Count <= MaximumParts, "actions", $"must list at most {MaximumParts}");
        for (var i = 0; i < actions.Count; i++)
        {
            ActionRule.Check(v, actions[i], $"actions[{i}]");
        }
        return v;
    }

    /// <summary>An agency participant names its agency; anyone else is a registry id or a description.</summary>
    public static Validator Participants(this Validator v, IReadOnlyList<Participant> participants)
    {
        v.Check(participants.Count <= MaximumParts, "participants", $"must list at most {MaximumParts}");
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var field = $"participants[{i}]";
            v.KnownEnum(p.Kind, $"{field}.kind")
                .MaxLength(p.Agency, $"{field}.agency", SafeguardingRequests.AgencyLength)
                .MaxLength(p.Description, $"{field}.description", SafeguardingRequests.ReasonLength);
            if (p.Kind == ParticipantKind.Agency)
            {
                v.Required(p.Agency, $"{field}.agency", SafeguardingRequests.AgencyLength);
            }
            else if (p.PersonId.Length > 0)
            {
                v.RequiredId(p.PersonId, $"{field}.person_id");
            }
            else
            {
                v.Check(p.Kind == ParticipantKind.ThePerson || !string.IsNullOrWhiteSpace(p.Description), $"{field}.description",
                    "is required: who they are, when they are not in the registry");
            }
        }
        return v;
    }

    /// <summary>The registry ids among the members and participants, each with the field that names it.</summary>
    public static IEnumerable<(string PersonId, string Field)> PeopleNamed(AgreePlanRequest request) =>
        request.Members.Select((m, i) => (m.PersonId, $"members[{i}].person_id"))
            .Concat(request.Participants.Select((p, i) => (p.PersonId, $"participants[{i}].person_id")).Where(p => p.PersonId.Length > 0));
}
