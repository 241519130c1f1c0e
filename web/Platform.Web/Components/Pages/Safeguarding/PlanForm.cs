using Platform.Safeguarding.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>
/// A plan as typed on the page: fixed rows of risks and actions (a row left blank is not sent), the household
/// picked from her relationships, the participants. The platform names a row by its place in the request, so
/// the form keeps which row each one came from to put a message beside the right input.
/// </summary>
public static class PlanForm
{
    public const int RiskRows = 3;
    public const int ActionRows = 4;

    public static readonly IReadOnlyList<(MemberRole Role, string Label)> MemberRoles =
        [(MemberRole.Unspecified, "Not in the plan"), (MemberRole.Adult, "An adult of the household"), (MemberRole.Child, "A child of the household")];

    public static readonly IReadOnlyList<(RiskLevel Level, string Label)> Levels =
        [(RiskLevel.Standard, "Standard"), (RiskLevel.Medium, "Medium"), (RiskLevel.High, "High")];

    /// <summary>The request, what must be answered first, and the fields its messages belong to.</summary>
    public static (AgreePlanRequest Request, List<FieldProblem> Problems, FormFields Fields) ToRequest(
        PostedFields typed, string personId, IEnumerable<string> relatedIds)
    {
        var problems = new List<FieldProblem>();
        var fields = new FormFields()
            .Add("lead_professional", "lead-professional", "The lead professional").Add("level", "level", "The level")
            .Add("concern_id", "concern", "The concern").Add("family_involvement", "family-involvement", "How the family was involved")
            .Add("next_review_at", "next-review", "The next review");
        var request = new AgreePlanRequest
        {
            PersonId = personId, LeadProfessional = typed["leadProfessional"], Level = typed.Enum<RiskLevel>("level"), ConcernId = typed["concern"],
            FamilyInvolvement = typed["familyInvolvement"], NextReviewAt = typed.Day("nextReview", "next_review_at", problems, required: true),
        };
        request.Members.Add(new PlanMember { PersonId = personId, Role = MemberRole.AdultAtRisk });
        foreach (var id in relatedIds)
        {
            if (typed.Enum<MemberRole>($"member-{id}") is var role and not MemberRole.Unspecified)
            {
                fields.Add($"members[{request.Members.Count}]", $"member-{id}", "A household member");
                request.Members.Add(new PlanMember { PersonId = id, Role = role });
            }
        }
        fields.Add("members", "household", "The household");
        for (var row = 1; row <= RiskRows; row++)
        {
            if (typed[$"risk-{row}"].Length == 0)
            {
                continue;
            }
            fields.Add($"risks[{request.Risks.Count}]", $"risk-{row}", $"Risk {row}");
            request.Risks.Add(new PlanRisk { Description = typed[$"risk-{row}"], Level = typed.Enum<RiskLevel>($"risk-{row}-level") });
        }
        for (var row = 1; row <= ActionRows; row++)
        {
            string[] parts = [typed[$"action-{row}"], typed[$"action-{row}-agency"], typed[$"action-{row}-role"], typed[$"action-{row}-due"]];
            if (parts.All(p => p.Length == 0))
            {
                continue;
            }
            var at = $"actions[{request.Actions.Count}]";
            fields.Add($"{at}.owner_agency", $"action-{row}-agency", $"Action {row}'s owning agency")
                .Add($"{at}.owner_role", $"action-{row}-role", $"Action {row}'s owner role")
                .Add($"{at}.due_at", $"action-{row}-due", $"Action {row}'s due date")
                .Add(at, $"action-{row}", $"Action {row}");
            request.Actions.Add(new PlanAction
            {
                Description = parts[0], OwnerAgency = parts[1], OwnerRole = parts[2],
                DueAt = typed.Day($"action-{row}-due", $"{at}.due_at", problems, required: true),
            });
        }
        fields.Add("participants", "participant-agencies", "The participants");
        foreach (var agency in typed.Lines("participantAgencies"))
        {
            request.Participants.Add(new Participant { Kind = ParticipantKind.Agency, Agency = agency });
        }
        foreach (var family in typed.Lines("participantFamily"))
        {
            request.Participants.Add(new Participant { Kind = ParticipantKind.FamilyMember, Description = family });
        }
        if (typed["advocate"].Length > 0)
        {
            request.Participants.Add(new Participant { Kind = ParticipantKind.Advocate, Description = typed["advocate"] });
        }
        if (typed.Is("sheTookPart", "yes"))
        {
            request.Participants.Add(new Participant { Kind = ParticipantKind.ThePerson, PersonId = personId });
        }
        if (request.LeadProfessional.Length == 0)
        {
            problems.Add(new FieldProblem("lead_professional", "is required"));
        }
        if (request.Level == RiskLevel.Unspecified)
        {
            problems.Add(new FieldProblem("level", "must be chosen"));
        }
        return (request, problems, fields);
    }
}
