using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;
using static Microsoft.Playwright.Assertions;

namespace Platform.Web.Tests.Browser;

/// <summary>
/// A support worker's day in a real browser against the standalone host: each page checked with axe
/// (no serious or critical violation), with no content-security-policy complaint, and photographed
/// for the README.
/// </summary>
[Collection(StandaloneWebCollection.Name)]
public sealed class SupportWorkerJourneys(StandaloneWeb web)
{
    [SkippableFact]
    public async Task A_worker_finds_her_by_a_misspelt_name_records_a_contact_not_seen_alone_and_sees_the_share_the_chronology_and_the_csv_change()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var page = await web.NewPageAsync();
        var policyComplaints = WatchForPolicyComplaints(page);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How to sign in" })).ToBeVisibleAsync();
        await CheckAsync(page, "home");
        await SignInAsync(page, "Support worker", StandaloneWeb.Agency, StandaloneWeb.Area, shoot: true);

        await page.GotoAsync("/support/find");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Joane Smith");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Joanne Smythe" })).ToBeVisibleAsync();
        await CheckAsync(page, "find-a-person");

        await page.GetByRole(AriaRole.Link, new() { Name = "Joanne Smythe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Joanne Smythe", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#seen-alone-share")).ToHaveTextAsync("100%");
        await Expect(page.Locator("svg.platform-ecomap")).ToContainTextAsync("alleged perpetrator toward");
        await Expect(page.GetByText("Lead professional: Sam Taylor at outreach-bristol")).ToBeVisibleAsync();
        await CheckAsync(page, "person");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a contact" }).ClickAsync();
        await page.GetByLabel("Yes, contact was made").CheckAsync();
        await page.Locator("#seen-alone-no").CheckAsync();
        await page.GetByLabel("Mark Smythe (partner of, alleged perpetrator toward)").CheckAsync();
        await page.GetByLabel("In her own words (optional)").FillAsync("He does the talking when we meet at the flat.");
        await page.GetByLabel("This is a significant event").CheckAsync();
        await CheckAsync(page, "record-a-contact");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the contact" }).ClickAsync();

        await Expect(page.GetByText("The contact is in her chronology.")).ToBeVisibleAsync();
        await Expect(page.Locator("#seen-alone-share")).ToHaveTextAsync("50%");
        // Entries recorded in the same minute (her relationships, the contact) may come in either order.
        var contact = page.Locator(".platform-timeline__entry", new() { HasText = "contact made, not seen alone" });
        await Expect(contact).ToHaveCountAsync(1);
        await Expect(contact).ToContainTextAsync("He does the talking when we meet at the flat.");
        await Expect(contact).ToContainTextAsync("Also present: Mark Smythe");

        await page.GotoAsync($"/people/{web.JoanneId}?significant=true#chronology");
        await Expect(page.Locator(".platform-timeline__entry", new() { HasText = "contact made, not seen alone" })).ToHaveCountAsync(1);
        await Expect(page.Locator(".platform-timeline__entry:not(.platform-timeline__entry--significant)")).ToHaveCountAsync(0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("not seen alone", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("contact made, seen alone", csv, StringComparison.Ordinal); // filtered as shown: significant events only
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // She amends it: the form opens as recorded, a reason is required, and nothing typed is lost.
        await page.GotoAsync($"/people/{web.JoanneId}#chronology");
        await page.Locator(".platform-timeline__entry", new() { HasText = "He does the talking" })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Amend") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Amend a contact" })).ToBeVisibleAsync();
        await Expect(page.Locator("#seen-alone-no")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("In her own words (optional)")).ToHaveValueAsync("He does the talking when we meet at the flat.");
        await page.GetByLabel("Note (optional)", new() { Exact = true }).FillAsync("Met at the flat; he stayed in the kitchen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the amended contact" }).ClickAsync();
        await Expect(page.Locator("#amend-reason-error")).ToContainTextAsync("say why the record is being amended");
        await Expect(page.Locator(".govuk-error-summary a[href='#amend-reason']")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Note (optional)", new() { Exact = true })).ToHaveValueAsync("Met at the flat; he stayed in the kitchen.");
        await CheckAsync(page, "amend-a-contact");
        await page.GetByLabel("Why are you amending it?").FillAsync("Left out where we met");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the amended contact" }).ClickAsync();
        await Expect(page.GetByText("The amended contact is in her chronology")).ToBeVisibleAsync();
        await Expect(page.Locator(".platform-timeline__entry", new() { HasText = "Amended: " })).ToContainTextAsync("Amendment reason: Left out where we met");
        await Expect(page.Locator(".platform-timeline__entry", new() { HasText = "Amended later" })).ToContainTextAsync("He does the talking");
        await Expect(page.Locator("#seen-alone-share")).ToHaveTextAsync("50%"); // counted once, as amended
        Assert.Empty(policyComplaints);
    }

    [SkippableFact]
    public async Task A_worker_completes_the_contact_form_with_the_keyboard_alone()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var page = await web.NewPageAsync();
        await SignInAsync(page, "Support worker", StandaloneWeb.Agency, StandaloneWeb.Area);

        // Mark's record, so the other journeys' counts for Joanne are untouched.
        await page.GotoAsync($"/people/{web.MarkId}/contacts/new");
        // Tab enters a radio group at its first choice (arrows move within it): "yes" both times.
        await TabToAsync(page, "#outcome");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#seen-alone");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#persons-words");
        await page.Keyboard.TypeAsync("Left a card under the door.");
        await TabToAsync(page, "#theme-Housing");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("The contact is in her chronology.")).ToBeVisibleAsync();
        var entry = page.Locator(".platform-timeline__entry", new() { HasText = "Left a card under the door." });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("contact made, seen alone");
    }

    [SkippableFact]
    public async Task A_bad_nhs_number_is_explained_beside_its_field_and_in_the_summary_with_everything_typed_still_there()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var page = await web.NewPageAsync();
        await SignInAsync(page, "Support worker", StandaloneWeb.Agency, StandaloneWeb.Area);

        await page.GotoAsync("/support/register");
        await page.GetByLabel("Given names").FillAsync("Ada");
        await page.GetByLabel("Family name").FillAsync("Lovelace");
        await page.GetByLabel("Year").FillAsync("1990");
        await page.GetByLabel("NHS number (optional)").FillAsync("1234567890");
        await page.GetByLabel("Address line 1").FillAsync("1 High Street");
        await page.GetByLabel("Local authority (GSS code)").FillAsync(StandaloneWeb.Area);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Expect(page.Locator("#nhs-number-error")).ToContainTextAsync("NHS number must be 10 digits");
        await Expect(page.Locator(".govuk-error-summary a[href='#nhs-number']")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Given names")).ToHaveValueAsync("Ada");
        await Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Lovelace");
        await Expect(page.GetByLabel("Year")).ToHaveValueAsync("1990");
        await Expect(page.GetByLabel("NHS number (optional)")).ToHaveValueAsync("1234567890");
        await Expect(page.GetByLabel("Address line 1")).ToHaveValueAsync("1 High Street");
        await Expect(page.GetByLabel("Local authority (GSS code)")).ToHaveValueAsync(StandaloneWeb.Area);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await CheckAsync(page, "register-bad-nhs-number");
    }

    [SkippableFact]
    public async Task A_worker_of_another_area_is_refused_and_opens_the_record_by_break_glass_with_a_reason()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var page = await web.NewPageAsync();
        await SignInAsync(page, "Support worker", "outreach-gloucester", "E06000025");

        var response = await page.GotoAsync($"/people/{web.JoanneId}");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this record" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Break-glass is audited.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Joanne")).ToHaveCountAsync(0);
        await CheckAsync(page, "break-glass");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record by break-glass" }).ClickAsync();
        await Expect(page.Locator("#break-glass-reason-error")).ToContainTextAsync("The reason is required");

        await page.GetByLabel("Why do you need to open this record?").FillAsync("Police report a risk to life tonight; she is at our night shelter.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record by break-glass" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Joanne Smythe", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Opened by break-glass: this look is audited.")).ToBeVisibleAsync();
        await CheckAsync(page, "opened-by-break-glass");

        // One look: the next visit is refused again.
        var again = await page.GotoAsync($"/people/{web.JoanneId}");
        Assert.Equal(403, again!.Status);

        // The auditor finds the refusal and the break-glass look, with its reason, on the audit trail page.
        var auditor = await web.NewPageAsync();
        var policyComplaints = WatchForPolicyComplaints(auditor);
        await SignInAsync(auditor, "Auditor", "sab-audit", StandaloneWeb.Area);
        await auditor.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await auditor.GetByLabel("Person", new() { Exact = true }).FillAsync(web.JoanneId);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Show the trail" }).ClickAsync();
        var breakGlass = auditor.Locator(".platform-audit__row--break-glass", new() { HasText = "outreach-gloucester" });
        // One look reads her record from several services: each read is audited with the reason.
        await Expect(breakGlass.First).ToBeVisibleAsync();
        foreach (var row in await breakGlass.AllAsync())
        {
            await Expect(row).ToContainTextAsync("Reason: Police report a risk to life tonight; she is at our night shelter.");
        }
        await Expect(auditor.Locator(".platform-audit__row--refused", new() { HasText = "outreach-gloucester" }).First).ToBeVisibleAsync();
        await CheckAsync(auditor, "audit-trail");
        Assert.Empty(policyComplaints);

        // Without a person, a user or an agency the platform asks for one, beside the field.
        await auditor.GetByLabel("Person", new() { Exact = true }).FillAsync("");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Show the trail" }).ClickAsync();
        await Expect(auditor.Locator("#person-error")).ToContainTextAsync("or subject or agency is required");
        await Expect(auditor.Locator(".govuk-error-summary a[href='#person']")).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until the element is focused: it must be reachable from the keyboard, in order.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} is not reached by the Tab key");
    }

    internal static async Task SignInAsync(IPage page, string role, string agency, string area, bool shoot = false)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Agency").FillAsync(agency);
        await page.GetByLabel("Area you work in").FillAsync(area);
        if (shoot)
        {
            await CheckAsync(page, "sign-in");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>No serious or critical accessibility violation (axe), and a screenshot for the README.</summary>
    internal static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(StandaloneWeb.Screenshots, $"{name}.png"), FullPage = true });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{name}: {string.Join("\n", serious)}");
    }

    internal static List<string> WatchForPolicyComplaints(IPage page)
    {
        var complaints = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                complaints.Add(message.Text);
            }
        };
        return complaints;
    }
}
