using Platform.Engagement.V1;
using Platform.Housing;
using Platform.Housing.V1;
using Platform.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>
/// Housing's events reach the engagement service as the standalone host wires the three together:
/// offers and tenancies enter her chronology, and an offer declined because she could not be reached
/// puts her on the outreach worklist.
/// </summary>
public sealed class HousingInTheChronologyTests : IAsyncLifetime
{
    private static readonly Identity Officer = Identity.HousingOfficer();
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        builder => { builder.AddRegistry(); builder.AddEngagement(); builder.AddHousing(); },
        app => { app.MapRegistry(); app.MapEngagement(); app.MapHousing(); });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Offers_and_a_tenancy_breakdown_enter_her_chronology_and_an_unreachable_offer_asks_for_outreach()
    {
        var channel = _host.Channel(Officer);
        var personId = (await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Wilhelmina", FamilyName = "Cotter" } } },
            Address = new Registry.V1.Address { Lines = { "6 Ferry Road" }, LocalAuthority = Grpc.EngagementFixture.Bristol },
            ConfirmedNotDuplicate = true,
        })).Person.PersonId;
        var offers = new OfferService.OfferServiceClient(channel);
        var tenancies = new TenancyService.TenancyServiceClient(channel);
        var first = await VacancyAsync(channel);
        var second = await VacancyAsync(channel);
        await Eventually.ReadAsync(
            () => TryAsync(() => new NeedsService.NeedsServiceClient(channel).SetNeedsProfileAsync(
                new SetNeedsProfileRequest { PersonId = personId, Profile = new NeedsProfile() }).ResponseAsync),
            set => set);

        var unreachable = await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = first });
        await offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = unreachable.OfferId, ExpectedVersion = unreachable.Version, ReasonCode = "unable-to-contact" });
        var offer = await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = second });
        var accepted = await offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });
        var tenancy = await tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = accepted.Version });
        await tenancies.EndTenancyAsync(new EndTenancyRequest
        {
            TenancyId = tenancy.TenancyId, ExpectedVersion = tenancy.Version, EndKind = TenancyEndKind.Breakdown, Reason = "Left after threats from her ex-partner",
        });

        var engagement = new Grpc.EngagementClient(_host.Channel(Officer));
        var housingFilter = new ChronologyFilter { Kinds = { EntryKind.Offer, EntryKind.Tenancy } };
        var entries = await Eventually.ReadAsync(() => engagement.ChronologyAsync(personId, housingFilter), found => found.Count == 6);
        var worklist = await Eventually.ReadAsync(
            async () => await engagement.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest()), list => list.Items.Count > 0);

        Assert.Equal(2, entries.Count(e => e.Summary == "Offered Flat 1 at Quayside"));
        Assert.Contains(entries, e => e.Summary == "The offer of Flat 1 at Quayside was declined: unable to contact");
        Assert.Contains(entries, e => e.Summary == "Accepted the offer of Flat 1 at Quayside");
        Assert.Contains(entries, e => e.Summary == "Moved in: tenancy of Flat 1 at Quayside");
        var breakdown = Assert.Single(entries, e => e.Summary == "Tenancy of Flat 1 at Quayside ended: breakdown");
        Assert.True(breakdown.Significant);
        Assert.All(entries, e => Assert.Equal("housing-bristol", e.Agency));
        Assert.Equal("Left after threats from her ex-partner", breakdown.Detail);
        Assert.Equal("requested", Assert.Single(worklist.Items, i => i.PersonId == personId).Rule);
    }

    [Fact]
    public async Task An_offer_withdrawn_because_she_accepted_another_enters_her_chronology()
    {
        var channel = _host.Channel(Officer);
        var personId = (await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Rosamund", FamilyName = "Pike" } } },
            Address = new Registry.V1.Address { Lines = { "9 Ferry Road" }, LocalAuthority = Grpc.EngagementFixture.Bristol },
            ConfirmedNotDuplicate = true,
        })).Person.PersonId;
        var offers = new OfferService.OfferServiceClient(channel);
        var first = await VacancyAsync(channel);
        var second = await VacancyAsync(channel);
        await Eventually.ReadAsync(
            () => TryAsync(() => new NeedsService.NeedsServiceClient(channel).SetNeedsProfileAsync(
                new SetNeedsProfileRequest { PersonId = personId, Profile = new NeedsProfile() }).ResponseAsync),
            set => set);
        var released = await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = first });
        var taken = await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = second });

        await offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = taken.OfferId, ExpectedVersion = taken.Version });

        var engagement = new Grpc.EngagementClient(_host.Channel(Officer));
        var entries = await Eventually.ReadAsync(
            () => engagement.ChronologyAsync(personId, new ChronologyFilter { Kinds = { EntryKind.Offer } }), found => found.Count == 4);
        Assert.Contains(entries, e => e.Summary == "The offer of Flat 1 at Quayside was withdrawn: she accepted another offer");
    }

    private static async Task<string> VacancyAsync(global::Grpc.Core.ChannelBase channel)
    {
        var catalogue = new CatalogueService.CatalogueServiceClient(channel);
        var provider = await catalogue.CreateProviderAsync(new CreateProviderRequest { Name = "Harbour Housing", Attributes = new PlacementAttributes() });
        var scheme = await catalogue.CreateSchemeAsync(new CreateSchemeRequest
        {
            ProviderId = provider.ProviderId, Name = "Quayside",
            Attributes = new PlacementAttributes { Location = new Location { Latitude = 51.45, Longitude = -2.59, LocalAuthority = Grpc.EngagementFixture.Bristol } },
        });
        var unit = await catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = "Flat 1" });
        return (await new VacancyService.VacancyServiceClient(channel).OpenVacancyAsync(new OpenVacancyRequest { UnitId = unit.UnitId })).VacancyId;
    }

    /// <summary>Housing hears of a newly registered person through the bus a moment after the registry stores her.</summary>
    private static async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.NotFound)
        {
            return false;
        }
    }
}
