using Google.Protobuf.WellKnownTypes;
using Platform.Housing.Tests.Grpc;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Registry;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Registry;
using Platform.Testing;
using RegistryV1 = Platform.Registry.V1;

namespace Platform.Housing.Tests.Messaging;

/// <summary>What housing learns from other services' events, over the in-memory bus.</summary>
public sealed class HousingEventsTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    private HousingClient Officer => fixture.Officer;

    [Fact]
    public async Task A_risk_level_change_marks_the_open_offers_that_no_longer_fit()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, lowRisk) = await World.VacantUnitAsync(Officer, new PlacementAttributes { MaxRiskLevel = RiskLevel.Medium });
        var (_, highRisk) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var unsafeNow = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = lowRisk.VacancyId });
        var stillSafe = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = highRisk.VacancyId });

        await fixture.Host.Bus.Publish(new RiskLevelChanged
        {
            PersonId = personId, RiskLevel = RiskLevels.High, PreviousRiskLevel = RiskLevels.Standard, Agency = "asc-bristol",
            OccurredAt = fixture.Host.Clock.GetUtcNow(),
        });
        await World.UntilAsync(fixture.Host, "SELECT COUNT(*) FROM offers WHERE person_id = @PersonId AND no_longer_fits_json IS NOT NULL", personId);

        var offers = (await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers;
        var flagged = offers.Single(o => o.OfferId == unsafeNow.OfferId);
        Assert.Contains(flagged.NoLongerFits, reason => reason.StartsWith("risk-level: her risk level is high", StringComparison.Ordinal));
        Assert.Empty(offers.Single(o => o.OfferId == stillSafe.OfferId).NoLongerFits);
        var profile = await Officer.Needs.GetNeedsProfileAsync(new GetNeedsProfileRequest { PersonId = personId });
        Assert.Equal((RiskLevel.High, "assessment"), (profile.EffectiveRiskLevel, profile.RiskLevelSource));
    }

    [Fact]
    public async Task A_move_between_areas_changes_her_local_connections()
    {
        var now = fixture.Host.Clock.GetUtcNow();
        var personId = await World.PersonAsync(fixture.Host, World.Bristol, now.AddYears(-1));
        await World.TimelineAsync(fixture.Host, personId, 2,
            new AddressPeriod { LocalAuthority = World.Bristol, From = now.AddYears(-1), Until = now.AddMonths(-7) },
            new AddressPeriod { LocalAuthority = World.Somerset, From = now.AddMonths(-7) });

        var profile = await World.NeedsAsync(Officer, personId);

        Assert.Equal([World.Somerset], profile.LocalConnections);
    }

    [Fact]
    public async Task With_the_registry_in_the_same_host_a_registered_person_can_be_matched()
    {
        await using var host = await TestHost.StartAsync(b => { b.AddRegistry(); b.AddHousing(); }, a => { a.MapRegistry(); a.MapHousing(); });
        var worker = Identity.HousingOfficer();
        var people = new RegistryV1.PeopleService.PeopleServiceClient(host.Channel(worker));
        var addresses = new RegistryV1.AddressService.AddressServiceClient(host.Channel(worker));
        var housing = new HousingClient(host.Channel(worker));
        var person = (await people.RegisterPersonAsync(new RegistryV1.RegisterPersonRequest
        {
            Details = new RegistryV1.PersonDetails { Names = { new RegistryV1.PersonName { Type = RegistryV1.NameType.Usual, GivenNames = "Ann", FamilyName = "Lee" } } },
            Address = new RegistryV1.Address { Lines = { "1 Quay Street" }, LocalAuthority = World.Bristol },
            ConfirmedNotDuplicate = true,
        })).Person;
        host.Clock.Advance(TimeSpan.FromDays(220));
        await addresses.RecordAddressAsync(new RegistryV1.RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = person.Version,
            Address = new RegistryV1.Address { Lines = { "9 Hill Road" }, LocalAuthority = World.Somerset, From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()) },
        });
        await World.UntilAsync(host, "SELECT COUNT(*) FROM address_periods WHERE person_id = @PersonId", person.PersonId, atLeast: 2);
        var (unit, _) = await World.VacantUnitAsync(housing, new PlacementAttributes { LocalConnectionRequired = true });

        var profile = await World.NeedsAsync(housing, person.PersonId);
        var explained = await housing.Matching.ExplainPlacementAsync(new ExplainPlacementRequest { PersonId = person.PersonId, UnitId = unit.UnitId });

        Assert.Equal([World.Bristol], profile.LocalConnections);
        Assert.True(explained.Fits, string.Join("; ", explained.Rules.Where(r => !r.Passed).Select(r => r.Reason)));
    }

    [Fact]
    public async Task Local_connection_counts_from_when_she_moved_in_not_from_when_she_was_registered()
    {
        await using var host = await TestHost.StartAsync(b => { b.AddRegistry(); b.AddHousing(); }, a => { a.MapRegistry(); a.MapHousing(); });
        var worker = Identity.HousingOfficer();
        var people = new RegistryV1.PeopleService.PeopleServiceClient(host.Channel(worker));
        var housing = new HousingClient(host.Channel(worker));

        var person = (await people.RegisterPersonAsync(new RegistryV1.RegisterPersonRequest
        {
            Details = new RegistryV1.PersonDetails { Names = { new RegistryV1.PersonName { Type = RegistryV1.NameType.Usual, GivenNames = "Iris", FamilyName = "Penhale" } } },
            Address = new RegistryV1.Address
            {
                Lines = { "4 Dock Lane" }, LocalAuthority = World.Bristol, From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddMonths(-7)),
            },
            ConfirmedNotDuplicate = true,
        })).Person;
        await World.UntilAsync(host, "SELECT COUNT(*) FROM address_periods WHERE person_id = @PersonId", person.PersonId);
        var profile = await World.NeedsAsync(housing, person.PersonId);

        Assert.Equal([World.Bristol], profile.LocalConnections);
    }
}
