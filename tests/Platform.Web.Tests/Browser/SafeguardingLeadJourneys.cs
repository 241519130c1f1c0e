using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;
using Platform.Registry.V1;
using Platform.Safeguarding.V1;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Web.Tests.Browser.SupportWorkerJourneys;

namespace Platform.Web.Tests.Browser;

/// <summary>
/// A safeguarding lead's work in a real browser against the standalone host: a concern with what she
/// wants and the section 42 decision, the DASH checklist with its score kept current as it is answered,
/// the MARAC referral, a plan, and her safeguarding page and the worklist; then incidents, MARAC meetings,
/// capacity assessments and a referral the receiving agency's lead answers. Each page checked with axe and
/// photographed for the README.
/// </summary>
[Collection(StandaloneWebCollection.Name)]
public sealed class SafeguardingLeadJourneys(StandaloneWeb web)
{
    private const string Agency = "asc-bristol";

    [SkippableFact]
    public async Task A_lead_raises_a_concern_records_the_section_42_decision_answers_the_dash_to_a_marac_referral_and_agrees_a_plan()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var personId = await SeedAsync();
        var daughterId = await SeedDaughterAsync(personId);
        var page = await web.NewPageAsync();
        var policyComplaints = WatchForPolicyComplaints(page);
        await SignInAsync(page, "Safeguarding lead", Agency, StandaloneWeb.Area);

        await page.GotoAsync($"/people/{personId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Safeguarding", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safeguarding", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Raise a concern" }).ClickAsync();

        // Nothing chosen yet: each missing answer is named beside its input, and what was typed stays.
        await page.GetByLabel("What happened").FillAsync("Seen with bruising at the surgery; her partner answers for her.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();
        await Expect(page.Locator("#categories-error")).ToContainTextAsync("must have at least one box ticked");
        await Expect(page.GetByLabel("What happened")).ToHaveValueAsync("Seen with bruising at the surgery; her partner answers for her.");
        await CheckAsync(page, "safeguarding-concern-error");

        await page.GetByLabel("Domestic abuse, including coercive control").CheckAsync();
        await page.GetByLabel("Psychological or emotional abuse").CheckAsync();
        await page.GetByLabel("Who brought the concern").SelectOptionAsync(new SelectOptionValue { Label = "Health staff" });
        await page.GetByLabel("Who raised it").FillAsync("Practice nurse, Easton surgery");
        await page.GetByLabel("Where is the risk?").SelectOptionAsync(new SelectOptionValue { Label = "Her own home" });
        await page.Locator("#immediate-risk-no").CheckAsync();
        await CheckAsync(page, "safeguarding-raise-a-concern");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();

        await Expect(page.GetByText("The concern is raised.")).ToBeVisibleAsync();
        await Expect(page.Locator("#stage")).ToHaveTextAsync("Concern");
        // The service says where the concern may go: no enquiry before the decision to enquire.
        await Expect(page.Locator("#next-stages")).ToHaveTextAsync("Information gathering");
        await page.Locator("#asked").CheckAsync();
        await page.GetByLabel("What she wants, in her own words").FillAsync("I want him to stop coming round.\nI want to keep my flat.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what she wants" }).ClickAsync();
        await Expect(page.Locator("#desired-outcomes")).ToContainTextAsync("I want him to stop coming round.");

        foreach (var part in new[] { "needs", "risk", "protect" })
        {
            await page.Locator($"#{part}-met").CheckAsync();
            await page.Locator($"#{part}-reason").FillAsync($"Assessed with her at the surgery ({part}).");
        }
        await page.Locator("#decision").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(page.Locator("dl#decision")).ToContainTextAsync("A section 42 enquiry");
        await Expect(page.Locator("#next-stages")).ToHaveTextAsync("Information gathering, Enquiry");
        await page.GetByLabel("Next stage").SelectOptionAsync(new SelectOptionValue { Label = "Enquiry" });
        await page.GetByLabel("Why", new() { Exact = true }).FillAsync("The three-part test is met.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the concern" }).ClickAsync();
        await Expect(page.Locator("#stage")).ToHaveTextAsync("Enquiry");
        await Expect(page.Locator("#stage-changes")).ToContainTextAsync("The three-part test is met.");
        await CheckAsync(page, "safeguarding-concern");

        await page.GotoAsync($"/safeguarding/people/{personId}/dash");
        var questions = page.Locator("form[data-dash-score] fieldset.govuk-fieldset");
        await Expect(questions).ToHaveCountAsync(24);
        for (var i = 0; i < 24; i++)
        {
            await questions.Nth(i).Locator(i < 15 ? "input[value=Yes]" : "input[value=No]").CheckAsync();
        }
        // The score is kept current in the browser as she answers.
        await Expect(page.Locator("#dash-score-value")).ToHaveTextAsync("15");
        await Expect(page.Locator("#dash-level")).ToHaveTextAsync("High");
        await Expect(page.Locator("#dash-marac")).ToContainTextAsync("recommended: visible high risk");
        await CheckAsync(page, "safeguarding-dash");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the assessment" }).ClickAsync();

        await Expect(page.Locator("#dash-result-level")).ToHaveTextAsync("High");
        await Expect(page.Locator("#dash-result-score")).ToContainTextAsync("15");
        await Expect(page.Locator("#marac-recommended")).ToContainTextAsync("MARAC referral recommended");
        await Expect(page.Locator("#marac-reasons")).ToContainTextAsync("Visible high risk");
        await CheckAsync(page, "safeguarding-dash-result");
        // Read back, the result still says why.
        await page.ReloadAsync();
        await Expect(page.Locator("#marac-reasons")).ToContainTextAsync("visible high risk: 15 \"yes\" answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the MARAC referral" }).ClickAsync();
        await Expect(page.Locator("#marac-referred")).ToBeVisibleAsync();

        await page.GotoAsync($"/safeguarding/people/{personId}/plans/new");
        await page.GetByLabel("Lead professional").FillAsync("Asha Patel");
        await page.GetByLabel("Risk level").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        // Think Family: her daughter in the household plan refers it to the area's children's services.
        await page.Locator($"#member-{daughterId}").SelectOptionAsync(new SelectOptionValue { Label = "A child of the household" });
        await page.Locator("#risk-1").FillAsync("He comes to the flat when she is alone");
        await page.Locator("#risk-1-level").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        await page.Locator("#action-1").FillAsync("Safety planning with her, seen alone");
        await page.Locator("#action-1-agency").FillAsync("idva-bristol");
        await page.Locator("#action-1-role").FillAsync("IDVA");
        var due = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#action-1-due").FillAsync(due);
        await page.GetByLabel("Agencies (one a line)").FillAsync("idva-bristol\nasc-bristol");
        await page.GetByLabel("She took part in agreeing the plan").CheckAsync();
        await page.GetByLabel("How the family was involved").FillAsync("Her sister came to the meeting at her request.");
        await page.GetByLabel("Next review").FillAsync(DateTime.UtcNow.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await CheckAsync(page, "safeguarding-agree-a-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree the plan" }).ClickAsync();

        await Expect(page.GetByText("The plan is agreed.")).ToBeVisibleAsync();
        await Expect(page.Locator("#actions")).ToContainTextAsync("Safety planning with her, seen alone");
        await Expect(page.Locator("#think-family")).ToContainTextAsync("childrens-services");
        await CheckAsync(page, "safeguarding-plan");
        await page.Locator("input[id^=note-]").FillAsync("Safety plan agreed with her alone at the surgery.");
        await page.Locator("#actions button", new() { HasText = "Mark done" }).ClickAsync();
        await Expect(page.Locator(".action-status")).ToContainTextAsync("Done: Safety plan agreed with her alone at the surgery.");

        await page.GotoAsync($"/safeguarding/people/{personId}");
        await Expect(page.Locator("#concerns")).ToContainTextAsync("Domestic abuse, including coercive control");
        await Expect(page.Locator("#plans")).ToContainTextAsync("Asha Patel");
        await Expect(page.Locator("#marac")).ToContainTextAsync("Visible high risk");
        await Expect(page.Locator("#risk-summary")).ToContainTextAsync("High");
        await Expect(page.Locator("#risk-marac")).ToContainTextAsync("visible high risk: 15");
        await CheckAsync(page, "safeguarding-her-page");

        await page.GotoAsync("/safeguarding/worklist?scope=area");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safeguarding worklist" })).ToBeVisibleAsync();
        await Expect(page.Locator("#scope")).ToContainTextAsync("Showing work in your area.");
        await CheckAsync(page, "safeguarding-worklist");

        await page.GotoAsync("/safeguarding/board-figures");
        await Expect(page.Locator("#board-figures")).ToContainTextAsync("Section 42 enquiries");
        await CheckAsync(page, "safeguarding-board-figures");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Empty(policyComplaints);
    }

    [SkippableFact]
    public async Task A_lead_records_an_incident_a_marac_referral_and_its_meeting_a_capacity_assessment_and_a_referral_the_receiving_lead_answers()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var personId = await SeedAsync();
        var page = await web.NewPageAsync();
        var policyComplaints = WatchForPolicyComplaints(page);
        await SignInAsync(page, "Safeguarding lead", Agency, StandaloneWeb.Area);
        var day = (int daysAgo) => DateTime.UtcNow.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GotoAsync($"/safeguarding/people/{personId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a domestic abuse incident" }).ClickAsync();
        await page.GetByLabel("Physical abuse").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the incident" }).ClickAsync();
        await Expect(page.Locator("#occurred-error")).ToContainTextAsync("When it happened must be given");
        await Expect(page.Locator("#incident-description-error")).ToContainTextAsync("What happened is required");
        await Expect(page.GetByLabel("Physical abuse")).ToBeCheckedAsync();
        await page.GetByLabel("When it happened").FillAsync(day(3));
        await page.GetByLabel("What happened").FillAsync("He kicked the door in when she would not let him in.");
        await CheckAsync(page, "safeguarding-record-incident");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the incident" }).ClickAsync();
        await Expect(page.Locator("#incidents")).ToContainTextAsync("Physical abuse: He kicked the door in");

        await page.GetByRole(AriaRole.Link, new() { Name = "MARAC referrals and meetings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the MARAC referral" }).ClickAsync();
        await Expect(page.Locator("#criterion-error")).ToContainTextAsync("The criterion must be chosen");
        await page.GetByLabel("Professional judgement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the MARAC referral" }).ClickAsync();
        await Expect(page.GetByText("The MARAC referral is recorded.")).ToBeVisibleAsync();
        await page.Locator("input[id^=meeting-at-]").FillAsync(day(0));
        await page.Locator("textarea[id^=meeting-note-]").FillAsync("IDVA to lead; police marker on the address.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the meeting" }).ClickAsync();
        await Expect(page.Locator(".marac-meeting")).ToContainTextAsync("IDVA to lead; police marker on the address.");
        await CheckAsync(page, "safeguarding-marac");

        await page.GotoAsync($"/safeguarding/people/{personId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mental capacity assessments" }).ClickAsync();
        await page.GetByLabel("The decision assessed").FillAsync("Where to live");
        await page.Locator("#impairment").CheckAsync();
        await page.GetByLabel("Why (stage 1)").FillAsync("Acquired brain injury after an assault in 2024");
        await page.Locator("#understands").CheckAsync();
        await page.Locator("#retains-no").CheckAsync();
        await page.Locator("#usesOrWeighs").CheckAsync();
        await page.Locator("#communicates").CheckAsync();
        await page.GetByLabel("Why (stage 2)").FillAsync("Could not recall the two options ten minutes later, with written prompts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync();
        // She lacks capacity on these answers: the platform asks for the best-interests decision; nothing typed is lost.
        await Expect(page.Locator("#best-interests-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Why (stage 2)")).ToHaveValueAsync("Could not recall the two options ten minutes later, with written prompts");
        await Expect(page.Locator("#retains-no")).ToBeCheckedAsync();
        await CheckAsync(page, "safeguarding-capacity-error");
        await page.GetByLabel("Practicable steps taken to support her to decide").FillAsync("Seen twice, with pictures of each place, her sister present");
        await page.GetByLabel("Best-interests decision").FillAsync("Stay at the refuge while a ground-floor flat is found");
        await page.GetByLabel("Who was consulted on her best interests (one a line)").FillAsync("Her sister\nIDVA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync();
        await Expect(page.Locator("#capacity-assessments .capacity-outcome")).ToContainTextAsync("Lacks capacity");
        await CheckAsync(page, "safeguarding-capacity");

        await page.GotoAsync($"/safeguarding/people/{personId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send a referral to another agency" }).ClickAsync();
        await page.GetByLabel("Other").CheckAsync();
        await page.GetByLabel("To agency").FillAsync("idva-bristol");
        await page.GetByLabel("Why she is referred").FillAsync("High risk after the MARAC: please take her on for IDVA support.");
        await CheckAsync(page, "safeguarding-send-referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }).ClickAsync();
        await Expect(page.Locator("#referrals")).ToContainTextAsync("idva-bristol");

        var idva = await web.NewPageAsync();
        await SignInAsync(idva, "Safeguarding lead", "idva-bristol", StandaloneWeb.Area);
        await idva.GetByRole(AriaRole.Link, new() { Name = "Referrals to answer" }).First.ClickAsync();
        var card = idva.Locator(".received-referral", new() { HasText = "please take her on for IDVA support" });
        // She lives in the receiving lead's area, so the registry shows her name.
        await Expect(card.Locator(".govuk-summary-card__title")).ToContainTextAsync("referral for Rosa Lindqvist from");
        await card.GetByLabel("Declined", new() { Exact = true }).CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Answer the referral" }).ClickAsync();
        card = idva.Locator(".received-referral", new() { HasText = "please take her on for IDVA support" });
        await Expect(card.Locator(".govuk-error-message")).ToContainTextAsync("Why it is declined is required");
        await Expect(card.GetByLabel("Declined", new() { Exact = true })).ToBeCheckedAsync();
        await CheckAsync(idva, "safeguarding-referrals-to-answer");
        await card.GetByLabel("Accepted", new() { Exact = true }).CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Answer the referral" }).ClickAsync();
        await Expect(idva.GetByText($"The referral from {Agency} is accepted.")).ToBeVisibleAsync();

        await page.GotoAsync($"/safeguarding/people/{personId}");
        await Expect(page.Locator("#referrals")).ToContainTextAsync("Accepted");
        await Expect(page.Locator("#marac")).ToContainTextAsync("Professional judgement");
        Assert.Empty(policyComplaints);
    }

    /// <summary>Her daughter, recorded in the registry as hers, once the safeguarding service has heard of her.</summary>
    private async Task<string> SeedDaughterAsync(string motherId)
    {
        using var channel = GrpcChannel.ForAddress(web.Host.GrpcAddress);
        var lead = StandaloneWeb.SeedHeaders("safeguarding_lead", Agency);
        var daughterId = await StandaloneWeb.RegisterAsync(channel, lead, "Mia", "Lindqvist", 2016, "BS5 6XX", "9 Church Road");
        await new RelationshipService.RelationshipServiceClient(channel).RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = motherId, ToPersonId = daughterId, Type = RelationshipType.ParentOf,
        }, lead);
        await KnownToSafeguardingAsync(channel, lead, daughterId);
        return daughterId;
    }

    /// <summary>Safeguarding learns of a person from the registry's events.</summary>
    private static Task KnownToSafeguardingAsync(GrpcChannel channel, Metadata lead, string personId)
    {
        var concerns = new ConcernService.ConcernServiceClient(channel);
        return Eventually.HoldsAsync(async () =>
        {
            try
            {
                await concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = personId }, lead);
                return true;
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                return false;
            }
        }, "the safeguarding service knows her", TimeSpan.FromSeconds(30));
    }

    /// <summary>A woman in Bristol the safeguarding service has heard of.</summary>
    private async Task<string> SeedAsync()
    {
        using var channel = GrpcChannel.ForAddress(web.Host.GrpcAddress);
        var lead = StandaloneWeb.SeedHeaders("safeguarding_lead", Agency);
        var personId = await StandaloneWeb.RegisterAsync(channel, lead, "Rosa", "Lindqvist", 1979, "BS5 6XX", "9 Church Road");
        await KnownToSafeguardingAsync(channel, lead, personId);
        return personId;
    }
}
