using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;
using Platform.Housing.V1;
using Platform.Registry.V1;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;
using static Platform.Web.Tests.Browser.SupportWorkerJourneys;

namespace Platform.Web.Tests.Browser;

/// <summary>
/// A housing officer's work in a real browser against the standalone host: her needs with an
/// exclusion zone, why a placement inside it is excluded, an offer through to a tenancy and its
/// breakdown. Each page checked with axe and photographed for the README.
/// </summary>
[Collection(StandaloneWebCollection.Name)]
public sealed class HousingOfficerJourneys(StandaloneWeb web)
{
    private const string Agency = "housing-bristol";

    [SkippableFact]
    public async Task An_officer_sets_her_needs_with_an_exclusion_zone_sees_why_a_unit_inside_it_is_excluded_offers_a_fit_and_follows_the_tenancy_to_its_breakdown()
    {
        Skip.If(web.SkipReason is not null, web.SkipReason);
        var personId = await SeedAsync();
        var page = await web.NewPageAsync();
        var policyComplaints = WatchForPolicyComplaints(page);
        await SignInAsync(page, "Housing officer", Agency, StandaloneWeb.Area);

        await page.GotoAsync("/housing/catalogue");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Harbourside" })).ToBeVisibleAsync();
        await CheckAsync(page, "housing-placements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Harbourside" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbour Flat 1" })).ToBeVisibleAsync();
        await Expect(page.GetByText("this unit (overrides)").First).ToBeVisibleAsync();
        await Expect(page.GetByText("inherited from the provider").First).ToBeVisibleAsync();
        await CheckAsync(page, "housing-scheme");

        await page.GotoAsync($"/people/{personId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Her housing needs" }).ClickAsync();
        await page.GetByLabel("Active alcohol use").CheckAsync();
        await page.GetByLabel("Women-only provision").CheckAsync();
        await page.GetByLabel("A trauma-informed / psychologically informed environment").CheckAsync();
        await page.GetByLabel("Support hours a week she needs").FillAsync("10");
        await page.GetByLabel("Exclusion zones (optional)").FillAsync("51.46, -2.55");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save her needs" }).ClickAsync();

        // A zone without its radius is explained beside the field; everything typed stays.
        await Expect(page.Locator("#exclusions-error")).ToContainTextAsync("An exclusion zone on line 1 must be");
        await Expect(page.Locator(".govuk-error-summary a[href='#exclusions']")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Active alcohol use")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("A trauma-informed / psychologically informed environment")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Support hours a week she needs")).ToHaveValueAsync("10");
        await Expect(page.GetByLabel("Exclusion zones (optional)")).ToHaveValueAsync("51.46, -2.55");
        await CheckAsync(page, "housing-needs-error");

        await page.GetByLabel("Exclusion zones (optional)").FillAsync("51.46, -2.55, 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save her needs" }).ClickAsync();

        await Expect(page.GetByText("Her needs are saved.")).ToBeVisibleAsync();
        await Expect(page.Locator(".platform-fit", new() { HasText = "Harbour Flat 1" })).ToBeVisibleAsync();
        var zone = page.Locator(".platform-why-not[data-rule='exclusion-zone']");
        await Expect(zone).ToContainTextAsync("Inside an exclusion zone: 1 unit");
        await Expect(zone).ToContainTextAsync("Eastside Flat 1: inside an exclusion zone");
        await Expect(page.Locator("svg.platform-schematic g.schematic-excluded[data-unit='Eastside Flat 1']")).ToHaveCountAsync(1);
        await CheckAsync(page, "housing-match");

        await page.GetByRole(AriaRole.Button, new() { Name = "Offer Harbour Flat 1 to her" }).ClickAsync();
        await Expect(page.GetByText("The offer is made")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the offer of Harbour Flat 1" }).ClickAsync();
        await Expect(page.Locator(".offer-status").First).ToHaveTextAsync("Accepted: waiting for her to move in");
        await page.GetByRole(AriaRole.Button, new() { Name = "She has moved in: start the tenancy" }).ClickAsync();
        await Expect(page.Locator(".tenancy-status")).ToHaveTextAsync("Current");
        await CheckAsync(page, "housing-offers-and-tenancy");

        await page.GetByLabel("Breakdown", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Why (the reason is kept for the breakdown rates and her chronology)").FillAsync("Threats from her ex-partner near the flat");
        await page.GetByRole(AriaRole.Button, new() { Name = "End the tenancy" }).ClickAsync();
        await Expect(page.Locator(".tenancy-status")).ToContainTextAsync("breakdown (Threats from her ex-partner near the flat)");

        await page.GotoAsync("/housing/breakdown-rates");
        await Expect(page.Locator("#schemes-chart-table")).ToContainTextAsync("Harbourside");
        await Expect(page.Locator("svg g.chart-bar[data-label^='Harbourside']")).ToHaveAttributeAsync("data-rate", "1");
        await CheckAsync(page, "housing-breakdown-rates");
        Assert.Empty(policyComplaints);
    }

    /// <summary>A woman in Bristol, and one provider with a fitting flat and one inside the zone she will be kept from.</summary>
    private async Task<string> SeedAsync()
    {
        using var channel = GrpcChannel.ForAddress(web.Host.GrpcAddress);
        var officer = StandaloneWeb.SeedHeaders("housing_officer", Agency);
        var personId = await StandaloneWeb.RegisterAsync(channel, officer, "Nadia", "Brook", 1991, "BS2 0JA", "14 Mill Lane");

        var catalogue = new CatalogueService.CatalogueServiceClient(channel);
        var provider = await catalogue.CreateProviderAsync(new CreateProviderRequest
        {
            Name = "Harbour Women's Housing",
            Attributes = new PlacementAttributes
            {
                Type = PlacementType.SpecialistWomensService, WomenOnly = true, MaxRiskLevel = Platform.Housing.V1.RiskLevel.High, TraumaInformed = true,
                HousingBenefitEligible = true, Accepts = new Accepts { ActiveAlcoholUse = true, MentalHealthNeeds = true },
                Support = new Support { SupportHoursPerWeek = 12 },
            },
        }, officer);
        var vacancies = new VacancyService.VacancyServiceClient(channel);
        foreach (var (scheme, latitude, longitude) in new[] { ("Harbourside", 51.4495, -2.598), ("Eastside", 51.462, -2.553) })
        {
            var created = await catalogue.CreateSchemeAsync(new CreateSchemeRequest
            {
                ProviderId = provider.ProviderId, Name = scheme,
                Attributes = new PlacementAttributes { Location = new Platform.Housing.V1.Location { Latitude = latitude, Longitude = longitude, LocalAuthority = StandaloneWeb.Area } },
            }, officer);
            var units = await catalogue.CreateUnitsAsync(new CreateUnitsRequest
            {
                SchemeId = created.SchemeId,
                Units = { new NewUnit { Name = $"{scheme} Flat 1".Replace("Harbourside", "Harbour", StringComparison.Ordinal), Attributes = new PlacementAttributes { Accessibility = new Accessibility { GroundFloor = true } } } },
            }, officer);
            await vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = units.Units[0].UnitId }, officer);
        }
        // Housing learns of her from the registry's events.
        var offers = new OfferService.OfferServiceClient(channel);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await offers.ListOffersAsync(new ListOffersRequest { PersonId = personId }, officer);
                return true;
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
            {
                return false;
            }
        }, "the housing service knows Nadia", TimeSpan.FromSeconds(30));
        return personId;
    }
}
