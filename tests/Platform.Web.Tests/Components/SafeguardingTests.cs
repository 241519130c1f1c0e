using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.Safeguarding.V1;
using Platform.Web.Components.Pages;
using Platform.Web.Components.Pages.Safeguarding;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Tests.Components;

public sealed class SafeguardingTests : BunitContext
{
    [Theory]
    [InlineData(15, RiskLevel.Unspecified, "High", "recommended: visible high risk (15 “yes”, 14 or more)")]
    [InlineData(14, RiskLevel.Unspecified, "High", "recommended: visible high risk (14 “yes”, 14 or more)")]
    [InlineData(13, RiskLevel.Unspecified, "Medium", "not recommended")]
    [InlineData(10, RiskLevel.Unspecified, "Medium", "not recommended")]
    [InlineData(9, RiskLevel.Unspecified, "Standard", "not recommended")]
    [InlineData(9, RiskLevel.High, "High", "recommended: professional judgement raised the level to high")]
    [InlineData(11, RiskLevel.Medium, "Medium", "not recommended")]
    public void The_dash_score_shows_the_yes_count_the_level_it_gives_and_the_marac_criterion_the_answers_meet(
        int yes, RiskLevel judgement, string level, string marac)
    {
        var score = Render<DashScore>(p => p.Add(c => c.Yes, yes).Add(c => c.Questions, 24).Add(c => c.High, 14).Add(c => c.Medium, 10)
            .Add(c => c.Judgement, judgement));

        Assert.Equal(yes.ToString(System.Globalization.CultureInfo.InvariantCulture), score.Find("#dash-score-value").TextContent);
        Assert.Equal(level, score.Find("#dash-level").TextContent);
        Assert.StartsWith(marac, score.Find("#dash-marac").TextContent, StringComparison.Ordinal);
        // The browser keeps it current from the same thresholds.
        Assert.Equal("14", score.Find("#dash-score").GetAttribute("data-high"));
        Assert.Equal("10", score.Find("#dash-score").GetAttribute("data-medium"));
    }

    [Fact]
    public void The_concern_form_sends_what_was_typed_and_names_each_missing_answer_beside_its_input()
    {
        var form = ConcernForm.From(new FormCollection(new Dictionary<string, StringValues>
        {
            ["categories"] = new(["Domestic", "Psychological", "nonsense"]),
            ["source"] = "Police", ["location"] = "OwnHome", ["raisedBy"] = " PC Jones ",
            ["description"] = "Seen with bruising; he answers for her.", ["immediateRisk"] = "yes", ["immediateAction"] = "",
        }));

        var (details, problems) = form.ToDetails("p1");

        Assert.Equal([AbuseCategory.Domestic, AbuseCategory.Psychological], details.Categories);
        Assert.Equal(ConcernSource.Police, details.Source);
        Assert.Equal(RiskLocation.OwnHome, details.LocationOfRisk);
        Assert.Equal("PC Jones", details.RaisedBy);
        Assert.True(details.ImmediateRisk);
        var problem = Assert.Single(problems);
        Assert.Equal("immediate-action", ConcernForm.Fields.InputFor(problem.Field));

        // Refused, the summary links each message to its input.
        var summary = Render<ErrorSummary>(p => p.Add(c => c.Problem, CallProblem.Invalid([.. problems, new FieldProblem("details.description", "is too long")]))
            .Add(c => c.Fields, ConcernForm.Fields));
        Assert.Equal(["#immediate-action", "#description"], summary.FindAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Contains("What was done is required when she is at immediate risk", summary.Markup, StringComparison.Ordinal);

        var empty = new ConcernForm().ToDetails("p1").Problems.Select(p => p.Field);
        Assert.Equal(["details.categories", "details.source", "details.raised_by", "details.location_of_risk", "details.description", "details.immediate_risk"], empty);
    }

    [Fact]
    public void A_refused_closure_on_her_refusal_keeps_what_was_typed_and_says_what_the_refusal_lacks()
    {
        var typed = new PostedFields("close", new FormCollection(new Dictionary<string, StringValues>
        {
            ["refusal"] = "yes", ["risksExplained"] = "That he may hurt her again", ["supportOffered"] = "", ["followUp"] = "31/12/2026",
        }));
        var problems = new List<FieldProblem>();

        var refusal = RefusalFields.From(typed, "capacitous_refusal", problems);

        Assert.Equal("That he may hurt her again", refusal!.RisksExplained);
        Assert.Equal(["capacitous_refusal.follow_up_at", "capacitous_refusal.support_offered"], problems.Select(p => p.Field));
        var fields = RefusalFields.Map(new FormFields(), "close");
        var problem = CallProblem.Invalid([.. problems]);
        var rendered = Render<RefusalFields>(p => p.Add(c => c.Prefix, "close").Add(c => c.Typed, typed)
            .Add(c => c.Messages, id => fields.MessagesFor(problem, id)));
        Assert.Equal("That he may hurt her again", rendered.Find("#close-refusal-risks").TextContent);
        Assert.Equal("31/12/2026", rendered.Find("#close-refusal-follow-up").GetAttribute("value"));
        Assert.NotNull(rendered.Find("#close-refusal").GetAttribute("checked"));
        Assert.Contains("must be a real date", rendered.Find("#close-refusal-follow-up-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("Support offered is required", rendered.Find("#close-refusal-support-error").TextContent, StringComparison.Ordinal);
        Assert.Null(RefusalFields.From(new PostedFields("close", new FormCollection([])), "capacitous_refusal", problems));
    }

    [Fact]
    public void A_plan_leaves_out_blank_rows_and_puts_the_platforms_message_about_a_row_beside_the_row_it_came_from()
    {
        var typed = new PostedFields("plan", new FormCollection(new Dictionary<string, StringValues>
        {
            ["leadProfessional"] = "Asha Patel", ["level"] = "High", ["nextReview"] = "2027-01-15",
            ["member-child"] = "Child", ["member-him"] = "Unspecified",
            ["action-2"] = "Safety plan", ["action-2-agency"] = "idva-bristol", ["action-2-role"] = "IDVA", ["action-2-due"] = "2027-01-10",
            ["participantAgencies"] = "idva-bristol\npolice-avon\n", ["sheTookPart"] = "yes",
        }));

        var (request, problems, fields) = PlanForm.ToRequest(typed, "her", ["child", "him"]);

        Assert.Empty(problems);
        Assert.Equal([("her", MemberRole.AdultAtRisk), ("child", MemberRole.Child)], request.Members.Select(m => (m.PersonId, m.Role)));
        var action = Assert.Single(request.Actions);
        Assert.Equal("IDVA", action.OwnerRole);
        Assert.Equal("action-2-agency", fields.InputFor("actions[0].owner_agency"));
        Assert.Equal("member-child", fields.InputFor("members[1].person_id"));
        Assert.Equal(3, request.Participants.Count);
        Assert.Empty(request.Risks);
    }

    [Fact]
    public void An_incident_needs_when_and_what_happened_and_its_kinds_and_perpetrator_go_as_typed()
    {
        var form = IncidentForm.From(new FormCollection(new Dictionary<string, StringValues>
        {
            ["occurred"] = "2026-11-30", ["description"] = " He broke the door. ", ["categories"] = new(["Physical", "Domestic", "nonsense"]),
            ["perpetrator"] = " p2 ",
        }));

        var (details, problems) = form.ToDetails("p1");

        Assert.Empty(problems);
        Assert.Equal(("p1", "He broke the door.", "p2", ""), (details.PersonId, details.Description, details.AllegedPerpetratorId, details.ReportingAgency));
        Assert.Equal([AbuseCategory.Physical, AbuseCategory.Domestic], details.Categories);
        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), details.OccurredAt.ToDateTime());
        var empty = IncidentForm.From(new FormCollection([])).ToDetails("p1").Problems;
        Assert.Equal(["occurred", "incident-description"], empty.Select(p => IncidentForm.Fields.InputFor(p.Field)));
    }

    [Fact]
    public void A_capacity_assessment_needs_every_stage_answered_and_sends_the_answers_not_an_outcome()
    {
        var typed = new Dictionary<string, StringValues>
        {
            ["decision"] = "Where to live", ["impairment"] = "yes", ["impairmentReason"] = "Acquired brain injury", ["understands"] = "yes",
            ["retains"] = "no", ["usesOrWeighs"] = "yes", ["functionalReason"] = "Could not recall the options after ten minutes",
            ["bestInterests"] = "Stay at the refuge", ["consulted"] = "Her sister\nIDVA\n",
        };

        var (request, problems) = CapacityForm.From(new FormCollection(typed)).ToRequest("p1");

        Assert.Equal("communicates", CapacityForm.Fields.InputFor(Assert.Single(problems).Field));
        Assert.Equal((true, true, false, true), (request.Test.Impairment, request.Test.Understands, request.Test.Retains, request.Test.UsesOrWeighs));
        Assert.Equal(["Her sister", "IDVA"], request.Consulted);
        var empty = CapacityForm.From(new FormCollection([])).ToRequest("p1").Problems.Select(p => CapacityForm.Fields.InputFor(p.Field));
        Assert.Equal(["impairment", "understands", "retains", "usesOrWeighs", "communicates", "capacity-decision"], empty);
    }
}
