using Google.Protobuf.WellKnownTypes;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

/// <summary>Every bad input of a plan is INVALID_ARGUMENT naming the field, and nothing is stored.</summary>
public sealed class PlanBadInputTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _lead = fixture.As(SafeguardingFixture.Lead);

    public static TheoryData<string, string> Cases() => new()
    {
        { "action without an owning agency", "actions[0].owner_agency" },
        { "action without an owner role", "actions[0].owner_role" },
        { "action without a due date", "actions[0].due_at" },
        { "action created done", "actions[0].status" },
        { "action with an unknown status", "actions[0].status" },
        { "review in the past", "next_review_at" },
        { "no review date", "next_review_at" },
        { "unknown member", "members[1].person_id" },
        { "member not an id", "members[1].person_id" },
        { "member listed twice", "members[2].person_id" },
        { "unknown member role", "members[1].role" },
        { "unknown level", "level" },
        { "no level", "level" },
        { "unknown risk level", "risks[0].level" },
        { "unknown participant kind", "participants[0].kind" },
        { "agency participant without an agency", "participants[0].agency" },
        { "unknown participant person", "participants[1].person_id" },
        { "family involvement not recorded", "family_involvement" },
        { "no lead professional", "lead_professional" },
        { "concern of someone else", "concern_id" },
        { "person unknown", "person_id" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_plan_is_refused_naming_the_field_and_nothing_is_stored(string badInput, string field)
    {
        var personId = await fixture.PersonAsync();
        var request = fixture.Plan(personId);
        var otherId = await fixture.PersonAsync();
        request.Members.Add(new PlanMember { PersonId = personId, Role = MemberRole.AdultAtRisk });
        request.Members.Add(new PlanMember { PersonId = otherId, Role = MemberRole.Child });
        await Spoil(request, badInput);

        await Rpc.RejectsField(field, () => _lead.Plans.AgreePlanAsync(request));

        Assert.Equal(0, await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM plan_members WHERE person_id IN (@PersonId, @OtherId)", new { PersonId = personId, OtherId = otherId }));
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM referrals WHERE person_id = @PersonId", new { PersonId = personId }));
    }

    [Fact]
    public async Task A_bad_action_or_review_on_an_existing_plan_is_refused_and_the_plan_is_unchanged()
    {
        var plan = await _lead.Plans.AgreePlanAsync(fixture.Plan(await fixture.PersonAsync()));

        await Rpc.RejectsField("action.owner_agency", () => _lead.Plans.AddActionAsync(new AddActionRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = plan.Version,
            Action = new PlanAction { Description = "Call her", OwnerRole = "GP", DueAt = fixture.Now.AddDays(2).ToTimestamp() },
        }));
        await Rpc.RejectsField("action.due_at", () => _lead.Plans.AddActionAsync(new AddActionRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = plan.Version,
            Action = new PlanAction { Description = "Call her", OwnerAgency = "gp-bristol", OwnerRole = "GP" },
        }));
        await Rpc.RejectsField("next_review_at", () => _lead.Plans.RecordReviewAsync(new RecordReviewRequest
        {
            PlanId = plan.PlanId, ExpectedVersion = plan.Version, Note = "reviewed", NextReviewAt = fixture.Now.AddDays(-1).ToTimestamp(),
        }));
        await Rpc.RejectsField("completion_note", () => _lead.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = plan.Actions[0].ActionId, ExpectedVersion = plan.Version, Status = ActionStatus.Done,
        }));
        await Rpc.RejectsField("status", () => _lead.Plans.UpdateActionAsync(new UpdateActionRequest
        {
            PlanId = plan.PlanId, ActionId = plan.Actions[0].ActionId, ExpectedVersion = plan.Version, Status = (ActionStatus)9, CompletionNote = "x",
        }));

        Assert.Equal(plan, await _lead.Plans.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }));
    }

    private async Task Spoil(AgreePlanRequest request, string badInput)
    {
        switch (badInput)
        {
            case "action without an owning agency": request.Actions[0].OwnerAgency = ""; break;
            case "action without an owner role": request.Actions[0].OwnerRole = " "; break;
            case "action without a due date": request.Actions[0].DueAt = null; break;
            case "action created done": request.Actions[0].Status = ActionStatus.Done; break;
            case "action with an unknown status": request.Actions[0].Status = (ActionStatus)42; break;
            case "review in the past": request.NextReviewAt = fixture.Now.AddHours(-1).ToTimestamp(); break;
            case "no review date": request.NextReviewAt = null; break;
            case "unknown member": request.Members[1].PersonId = Guid.NewGuid().ToString(); break;
            case "member not an id": request.Members[1].PersonId = "her sister"; break;
            case "member listed twice": request.Members.Add(request.Members[1].Clone()); break;
            case "unknown member role": request.Members[1].Role = (MemberRole)7; break;
            case "unknown level": request.Level = (RiskLevel)9; break;
            case "no level": request.Level = RiskLevel.Unspecified; break;
            case "unknown risk level": request.Risks[0].Level = (RiskLevel)9; break;
            case "unknown participant kind": request.Participants[0].Kind = (ParticipantKind)11; break;
            case "agency participant without an agency": request.Participants[0].Agency = ""; break;
            case "unknown participant person": request.Participants[1].PersonId = Guid.NewGuid().ToString(); break;
            case "family involvement not recorded": request.FamilyInvolvement = ""; break;
            case "no lead professional": request.LeadProfessional = ""; break;
            case "concern of someone else":
                var other = await fixture.PersonAsync();
                var concern = await fixture.As(SafeguardingFixture.Worker).Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = SafeguardingFixture.Concern(other) });
                request.ConcernId = concern.ConcernId;
                break;
            case "person unknown":
                request.PersonId = Guid.NewGuid().ToString();
                request.Members.Clear();
                break;
            default: throw new ArgumentOutOfRangeException(nameof(badInput));
        }
    }
}
