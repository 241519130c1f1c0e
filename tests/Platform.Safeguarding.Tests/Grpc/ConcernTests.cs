using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

public sealed class ConcernTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _worker = fixture.As(SafeguardingFixture.Worker);
    private readonly SafeguardingClient _lead = fixture.As(SafeguardingFixture.Lead);

    private async Task<Concern> RaiseAsync(string personId) =>
        await _worker.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = SafeguardingFixture.Concern(personId) });

    private async Task<Concern> DecideAsync(Concern concern, EnquiryDecision decision = EnquiryDecision.Section42, bool met = true) =>
        await _lead.Concerns.RecordSection42DecisionAsync(new RecordSection42DecisionRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Test = Section42RuleTests.Test(met, met, met),
            Decision = decision, Reason = decision == EnquiryDecision.Section42 ? "" : "proportionate: support already in place",
        });

    private async Task<Concern> MoveAsync(Concern concern, Stage to) =>
        await _lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = to, Reason = $"moving to {to}",
        });

    [Fact]
    public async Task A_concern_goes_from_raising_through_enquiry_plan_and_review_to_closure_with_her_outcomes()
    {
        var personId = await fixture.PersonAsync();

        var concern = await RaiseAsync(personId);
        concern = await _worker.Concerns.RecordDesiredOutcomesAsync(new RecordDesiredOutcomesRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Asked = true, Outcomes = { "To feel safe at home", "To keep my own money" },
        });
        concern = await DecideAsync(concern);
        concern = await MoveAsync(concern, Stage.Enquiry);
        concern = await MoveAsync(concern, Stage.Plan);
        concern = await MoveAsync(concern, Stage.Review);
        concern = await _lead.Concerns.CloseConcernAsync(new CloseConcernRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Reason = "plan achieved its aims", RiskOutcome = RiskOutcome.Reduced,
            Outcomes =
            {
                new OutcomeResult { OutcomeId = "1", Achievement = OutcomeAchievement.Partly, PersonsView = "Safer, he still calls" },
                new OutcomeResult { OutcomeId = "2", Achievement = OutcomeAchievement.Fully, PersonsView = "My benefits come to me now" },
            },
        });

        Assert.Equal(Stage.Closed, concern.Stage);
        Assert.Equal(
            [Stage.Concern, Stage.Enquiry, Stage.Plan, Stage.Review, Stage.Closed],
            concern.Stages.Select(s => s.To));
        Assert.All(concern.Stages, s => Assert.False(string.IsNullOrEmpty(s.ChangedBy)));
        Assert.Equal(RiskOutcome.Reduced, concern.Closure.RiskOutcome);
        Assert.Equal(["1", "2"], concern.DesiredOutcomes.Outcomes.Select(o => o.OutcomeId));
        var read = await _worker.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId });
        Assert.Equal(concern, read);
        await fixture.Events.WaitForAsync<ConcernRaised>(e => e.ConcernId == concern.ConcernId && e.ImmediateRisk && e.Area == SafeguardingFixture.Bristol);
        await fixture.Events.WaitForAsync<EnquiryStarted>(e => e.ConcernId == concern.ConcernId && e.Kind == "section-42");
    }

    [Fact]
    public async Task The_concern_carries_the_stages_it_may_move_to_now_as_its_decision_allows()
    {
        var raised = await RaiseAsync(await fixture.PersonAsync());
        var decided = await DecideAsync(raised);
        var enquiring = await MoveAsync(decided, Stage.Enquiry);
        var declined = await DecideAsync(await RaiseAsync(await fixture.PersonAsync()), EnquiryDecision.NoFurtherAction, met: false);
        var seenByHousing = await fixture.As(Identity.HousingOfficer("housing-bristol", SafeguardingFixture.Bristol)).Concerns
            .GetConcernAsync(new GetConcernRequest { ConcernId = raised.ConcernId });

        Assert.Equal([Stage.InformationGathering], raised.AllowedNextStages);
        Assert.Equal([Stage.InformationGathering, Stage.Enquiry], decided.AllowedNextStages);
        Assert.Equal([Stage.Plan, Stage.Closed], enquiring.AllowedNextStages);
        Assert.Equal([Stage.InformationGathering, Stage.Closed], declined.AllowedNextStages);
        Assert.True(seenByHousing.Restricted);
        Assert.Empty(seenByHousing.AllowedNextStages);
    }

    [Fact]
    public async Task A_transition_out_of_order_is_refused_naming_the_allowed_stages_and_nothing_changes()
    {
        var concern = await RaiseAsync(await fixture.PersonAsync());

        var error = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.Plan, Reason = "skip ahead",
        }));

        Assert.Contains("Allowed from concern: information gathering", error.Status.Detail);
        var enquiry = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.Enquiry, Reason = "no decision yet",
        }));
        Assert.Contains("decision to enquire", enquiry.Status.Detail);
        var read = await _worker.Concerns.GetConcernAsync(new GetConcernRequest { ConcernId = concern.ConcernId });
        Assert.Equal(concern.Version, read.Version);
        Assert.Single(read.Stages);
    }

    [Fact]
    public async Task No_further_action_on_a_capacitous_refusal_closes_only_with_risks_explained_support_offered_and_a_follow_up()
    {
        var concern = await RaiseAsync(await fixture.PersonAsync());
        concern = await _worker.Concerns.RecordDesiredOutcomesAsync(new RecordDesiredOutcomesRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Asked = true, Outcomes = { "To be left alone" },
        });
        var refusal = new CapacitousRefusal
        {
            RisksExplained = "that the violence may get worse", SupportOffered = "IDVA and a refuge place",
            FollowUpAt = fixture.Now.AddDays(14).ToTimestamp(),
        };
        var decision = new RecordSection42DecisionRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Test = Section42RuleTests.Test(true, true, true),
            Decision = EnquiryDecision.NoFurtherAction, Reason = "she has capacity to decide and declines",
        };
        await Rpc.RejectsField("decision", () => _lead.Concerns.RecordSection42DecisionAsync(decision));
        decision.CapacitousRefusal = refusal.Clone();
        decision.CapacitousRefusal.FollowUpAt = null;
        await Rpc.RejectsField("capacitous_refusal.follow_up_at", () => _lead.Concerns.RecordSection42DecisionAsync(decision));

        decision.CapacitousRefusal = refusal;
        concern = await _lead.Concerns.RecordSection42DecisionAsync(decision);
        var close = new CloseConcernRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Reason = "no further action", RiskOutcome = RiskOutcome.Remains,
            Outcomes = { new OutcomeResult { OutcomeId = "1", Achievement = OutcomeAchievement.Fully, PersonsView = "Good" } },
            CapacitousRefusal = new CapacitousRefusal { SupportOffered = "IDVA", FollowUpAt = fixture.Now.AddDays(7).ToTimestamp() },
        };
        await Rpc.RejectsField("capacitous_refusal.risks_explained", () => _lead.Concerns.CloseConcernAsync(close));
        close.CapacitousRefusal.RisksExplained = "that the violence may get worse";
        concern = await _lead.Concerns.CloseConcernAsync(close);

        Assert.Equal(Stage.Closed, concern.Stage);
        Assert.Equal(1, await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM concerns WHERE concern_id = @ConcernId AND follow_up_at IS NOT NULL", new { concern.ConcernId }));
    }

    [Fact]
    public async Task Closing_before_her_desired_outcomes_are_recorded_is_refused()
    {
        var concern = await DecideAsync(await RaiseAsync(await fixture.PersonAsync()), EnquiryDecision.NoFurtherAction, met: false);

        var error = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _lead.Concerns.CloseConcernAsync(new CloseConcernRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Reason = "no further action", RiskOutcome = RiskOutcome.Removed,
        }));

        Assert.Contains("desired outcomes", error.Status.Detail);
    }

    [Fact]
    public async Task A_stale_version_is_aborted()
    {
        var concern = await RaiseAsync(await fixture.PersonAsync());
        await MoveAsync(concern, Stage.InformationGathering);

        await Rpc.FailsWith(StatusCode.Aborted, () => _lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.Enquiry, Reason = "read before the move",
        }));
    }

    [Fact]
    public async Task Only_a_safeguarding_lead_decides_and_the_refusal_is_audited()
    {
        var personId = await fixture.PersonAsync();
        var concern = await RaiseAsync(personId);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.InformationGathering, Reason = "gathering",
        }));

        Assert.Contains("safeguarding.concern.stage Denied", await fixture.AuditAsync(personId));
        Assert.Contains("safeguarding.concern.raise Involvement", await fixture.AuditAsync(personId));
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_stores_nothing()
    {
        var personId = await fixture.PersonAsync();
        var details = SafeguardingFixture.Concern(personId);
        details.Categories.Add((AbuseCategory)99);
        details.ImmediateAction = "";
        details.Source = ConcernSource.Unspecified;

        var fields = await Rpc.RejectsField("details.categories[2]", () => _worker.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = details }));

        Assert.Contains("details.immediate_action", fields);
        Assert.Contains("details.source", fields);
        await Rpc.RejectsField("details.person_id", () => _worker.Concerns.RaiseConcernAsync(
            new RaiseConcernRequest { Details = SafeguardingFixture.Concern(Guid.NewGuid().ToString()) }));
        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM concerns WHERE person_id = @PersonId", new { PersonId = personId }));
    }
}
