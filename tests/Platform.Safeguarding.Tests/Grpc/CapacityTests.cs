using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Safeguarding.Tests.Grpc;

public sealed class CapacityTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private readonly SafeguardingClient _worker = fixture.As(SafeguardingFixture.Worker);

    /// <summary>She cannot weigh the risk of returning to him because of her alcohol-related brain injury.</summary>
    public RecordCapacityAssessmentRequest Lacking(string personId, string decision = "Where to live", int daysAgo = 1) => new()
    {
        PersonId = personId, Decision = decision, AssessedAt = fixture.Now.AddDays(-daysAgo).ToTimestamp(),
        Test = new CapacityTest
        {
            Impairment = true, ImpairmentReason = "Alcohol-related brain injury diagnosed in 2023",
            Understands = true, Retains = true, UsesOrWeighs = false, Communicates = true,
            FunctionalReason = "Because of the injury she cannot weigh the risk of returning to the flat he visits",
        },
        BestInterestsDecision = "Supported accommodation for women, away from the flat, for now",
        Consulted = { "her sister", "IDVA" },
        SupportGiven = "Two conversations, sober, with pictures and her IDVA present",
    };

    public RecordCapacityAssessmentRequest Capacitous(string personId, string decision = "Where to live", int daysAgo = 0) => new()
    {
        PersonId = personId, Decision = decision, AssessedAt = fixture.Now.AddDays(-daysAgo).ToTimestamp(),
        Test = new CapacityTest
        {
            Impairment = true, ImpairmentReason = "Alcohol-related brain injury", Understands = true, Retains = true, UsesOrWeighs = true,
            Communicates = true, FunctionalReason = "She explained the risks in her own words and weighed them",
        },
        ExecutiveFunctionConcern = true, ExecutiveFunctionNote = "Says she will not let him in, but has each time he came",
    };

    [Fact]
    public async Task The_outcome_is_derived_and_a_lack_of_capacity_records_the_best_interests_decision()
    {
        var personId = await fixture.PersonAsync();

        var lacking = await _worker.Capacity.RecordCapacityAssessmentAsync(Lacking(personId));

        Assert.Equal(CapacityOutcome.LacksCapacity, lacking.Outcome);
        Assert.Equal(["her sister", "IDVA"], lacking.Consulted);
        Assert.Equal((SafeguardingFixture.Outreach, false), (lacking.Agency, lacking.Restricted));
        Assert.Contains("safeguarding.capacity.record Involvement", await fixture.AuditAsync(personId));
    }

    [Fact]
    public async Task A_later_assessment_of_the_same_decision_supersedes_the_earlier_and_both_are_kept_newest_first()
    {
        var personId = await fixture.PersonAsync();
        var first = await _worker.Capacity.RecordCapacityAssessmentAsync(Lacking(personId, "Where to live", daysAgo: 30));
        var other = await _worker.Capacity.RecordCapacityAssessmentAsync(Lacking(personId, "Managing her money", daysAgo: 20));
        var second = await _worker.Capacity.RecordCapacityAssessmentAsync(Capacitous(personId, "  where TO live "));
        var backdated = await _worker.Capacity.RecordCapacityAssessmentAsync(Lacking(personId, "where to live", daysAgo: 40));

        var list = await _worker.Capacity.ListCapacityAssessmentsAsync(new ListCapacityAssessmentsRequest { PersonId = personId });

        Assert.Equal([second.AssessmentId, other.AssessmentId, first.AssessmentId, backdated.AssessmentId], list.Assessments.Select(a => a.AssessmentId));
        Assert.Equal(["", "", second.AssessmentId, first.AssessmentId], list.Assessments.Select(a => a.SupersededByAssessmentId));
        Assert.Equal(CapacityOutcome.HasCapacity, list.Assessments[0].Outcome);
        Assert.True(list.Assessments[0].ExecutiveFunctionConcern);
        Assert.Equal("Says she will not let him in, but has each time he came", list.Assessments[0].ExecutiveFunctionNote);
    }

    [Fact]
    public async Task Only_the_assessing_agency_agencies_on_her_plan_and_leads_see_what_an_assessment_found()
    {
        var personId = await fixture.PersonAsync(SafeguardingFixture.Outreach, SafeguardingFixture.Idva, "gp-bristol");
        await _worker.Capacity.RecordCapacityAssessmentAsync(Lacking(personId));
        var lead = fixture.As(SafeguardingFixture.Lead);
        var gp = fixture.As(Identity.SupportWorker("gp-bristol", SafeguardingFixture.Bristol));
        var idva = fixture.As(Identity.SupportWorker(SafeguardingFixture.Idva, SafeguardingFixture.Bristol));
        var request = new ListCapacityAssessmentsRequest { PersonId = personId };

        var byGp = Assert.Single((await gp.Capacity.ListCapacityAssessmentsAsync(request)).Assessments);
        var byIdvaBeforePlan = Assert.Single((await idva.Capacity.ListCapacityAssessmentsAsync(request)).Assessments);
        await lead.Plans.AgreePlanAsync(fixture.Plan(personId));
        var byIdvaOnPlan = Assert.Single((await idva.Capacity.ListCapacityAssessmentsAsync(request)).Assessments);
        var byLead = Assert.Single((await lead.Capacity.ListCapacityAssessmentsAsync(request)).Assessments);

        Assert.True(byGp.Restricted);
        Assert.Equal(("", CapacityOutcome.Unspecified, null, SafeguardingFixture.Outreach), (byGp.Decision, byGp.Outcome, byGp.Test, byGp.Agency));
        Assert.True(byIdvaBeforePlan.Restricted);
        Assert.Equal((false, CapacityOutcome.LacksCapacity), (byIdvaOnPlan.Restricted, byIdvaOnPlan.Outcome));
        Assert.Equal((false, "Where to live"), (byLead.Restricted, byLead.Decision));
        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(SafeguardingFixture.Stranger).Capacity.ListCapacityAssessmentsAsync(request));
    }

    [Fact]
    public async Task Break_glass_may_not_record_an_assessment_and_the_refusal_is_audited()
    {
        var personId = await fixture.PersonAsync();

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(SafeguardingFixture.Stranger, "checking on her").Capacity.RecordCapacityAssessmentAsync(Lacking(personId)));

        Assert.Equal(0, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM capacity_assessments WHERE person_id = @PersonId", new { PersonId = personId }));
        Assert.Contains("safeguarding.capacity.record Denied", await fixture.AuditAsync(personId));
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "no decision", "decision" },
        { "no test", "test" },
        { "no impairment reason", "test.impairment_reason" },
        { "no functional reason", "test.functional_reason" },
        { "lacking without a best-interests decision", "best_interests_decision" },
        { "lacking with no one consulted", "consulted" },
        { "a blank consultee", "consulted[1]" },
        { "lacking without the support given", "support_given" },
        { "a best-interests decision for someone with capacity", "best_interests_decision" },
        { "executive function concern without a note", "executive_function_note" },
        { "a note without the concern", "executive_function_note" },
        { "assessed in the future", "assessed_at" },
        { "not a person id", "person_id" },
        { "a person the registry does not know", "person_id" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_assessment_is_refused_naming_the_field_and_nothing_is_stored(string badInput, string field)
    {
        var personId = await fixture.PersonAsync();
        var request = Lacking(personId);
        switch (badInput)
        {
            case "no decision": request.Decision = " "; break;
            case "no test": request.Test = null; break;
            case "no impairment reason": request.Test.ImpairmentReason = ""; break;
            case "no functional reason": request.Test.FunctionalReason = ""; break;
            case "lacking without a best-interests decision": request.BestInterestsDecision = ""; break;
            case "lacking with no one consulted": request.Consulted.Clear(); break;
            case "a blank consultee": request.Consulted[1] = " "; break;
            case "lacking without the support given": request.SupportGiven = ""; break;
            case "a best-interests decision for someone with capacity": request.Test.UsesOrWeighs = true; request.Consulted.Clear(); break;
            case "executive function concern without a note": request.ExecutiveFunctionConcern = true; break;
            case "a note without the concern": request.ExecutiveFunctionNote = "note"; break;
            case "assessed in the future": request.AssessedAt = fixture.Now.AddDays(1).ToTimestamp(); break;
            case "not a person id": request.PersonId = "her"; break;
            case "a person the registry does not know": request.PersonId = Guid.NewGuid().ToString(); break;
        }

        await Rpc.RejectsField(field, () => _worker.Capacity.RecordCapacityAssessmentAsync(request));

        Assert.Equal(0, await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM capacity_assessments WHERE person_id IN (@PersonId, @Other)", new { PersonId = personId, Other = request.PersonId }));
    }
}
