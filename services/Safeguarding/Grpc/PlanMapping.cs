using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.Data;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Domain;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// A stored plan as the API shows it. Its risks, actions, members, participants and reviews are
/// special-category details: the lead agency, the agencies the plan names and safeguarding leads see
/// them; everyone else who may see the person sees that the plan exists, its lead and its level.
/// </summary>
internal static class PlanMapping
{
    public static SafeguardingTeam Team(PlanRow row) => new(row.LeadAgency, row.Area, StoredLists.Read(row.NamedAgencies));

    public static PlanStatus StatusOf(PlanRow row) => EnumWords<PlanStatus>.Value(row.Status);

    /// <summary>The agencies a plan names besides its lead: agency participants and the owners of its actions.</summary>
    public static string NamedAgencies(string leadAgency, IEnumerable<Participant> participants, IEnumerable<string> actionOwners) =>
        StoredLists.Write(SafeguardingRequests.Distinct(participants.Where(p => p.Kind == ParticipantKind.Agency).Select(p => p.Agency)
            .Concat(actionOwners)).Where(a => a != leadAgency).Order(StringComparer.Ordinal));

    public static string RisksJson(IEnumerable<PlanRisk> risks) =>
        JsonSerializer.Serialize(risks.Select(r => new StoredRisk(r.Description.Trim(), DashScoring.Word(r.Level))));

    public static string ParticipantsJson(IEnumerable<Participant> participants) =>
        JsonSerializer.Serialize(participants.Select(p => new StoredParticipant(
            EnumWords<ParticipantKind>.Word(p.Kind), p.Agency.Trim(), p.PersonId, p.Description.Trim())));

    public static Plan ToProto(StoredPlan stored, bool seesDetails, PersonAccess access)
    {
        var row = stored.Plan;
        var plan = new Plan
        {
            PlanId = row.PlanId, PersonId = row.PersonId, LeadAgency = row.LeadAgency, LeadProfessional = row.LeadProfessional,
            Area = AreaDisclosure.Shown(row.Area, row.LeadAgency, access), Status = StatusOf(row), Level = DashScoring.Level(row.Level), AgreedAt = row.AgreedAt.ToTimestamp(),
            ClosedAt = row.ClosedAt?.ToTimestamp(), Version = row.Version, Restricted = !seesDetails,
        };
        if (!seesDetails)
        {
            return plan;
        }
        plan.ConcernId = row.ConcernId ?? "";
        plan.FamilyInvolvement = row.FamilyInvolvement;
        plan.NextReviewAt = row.NextReviewAt?.ToTimestamp();
        plan.UrgentReviewReason = row.UrgentReviewReason ?? "";
        plan.CloseReason = row.CloseReason ?? "";
        plan.ThinkFamilyReferralId = row.ThinkFamilyReferralId ?? "";
        plan.Members.AddRange(stored.Members.Select(m => new PlanMember { PersonId = m.PersonId, Role = EnumWords<MemberRole>.Value(m.Role) }));
        plan.Risks.AddRange((JsonSerializer.Deserialize<StoredRisk[]>(row.RisksJson) ?? [])
            .Select(r => new PlanRisk { Description = r.Description, Level = DashScoring.Level(r.Level) }));
        plan.Participants.AddRange((JsonSerializer.Deserialize<StoredParticipant[]>(row.ParticipantsJson) ?? [])
            .Select(p => new Participant { Kind = EnumWords<ParticipantKind>.Value(p.Kind), Agency = p.Agency, PersonId = p.PersonId, Description = p.Description }));
        plan.Actions.AddRange(stored.Actions.Select(ToProto));
        plan.Reviews.AddRange(stored.Reviews.Select(r => new PlanReview
        {
            ReviewedAt = r.ReviewedAt.ToTimestamp(), ReviewedBy = r.ReviewedBy, Note = r.Note, NextReviewAt = r.NextReviewAt?.ToTimestamp(), Urgent = r.Urgent,
        }));
        return plan;
    }

    public static PlanAction ToProto(PlanActionRow a) => new()
    {
        ActionId = a.ActionId, Description = a.Description, OwnerAgency = a.OwnerAgency, OwnerRole = a.OwnerRole, DueAt = a.DueAt.ToTimestamp(),
        Status = EnumWords<ActionStatus>.Value(a.Status), CompletionNote = a.CompletionNote ?? "", CompletedAt = a.CompletedAt?.ToTimestamp(),
    };

    private sealed record StoredRisk(string Description, string Level);

    private sealed record StoredParticipant(string Kind, string Agency, string PersonId, string Description);
}
