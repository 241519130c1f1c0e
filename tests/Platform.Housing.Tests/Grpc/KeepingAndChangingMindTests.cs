using Grpc.Core;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>
/// Who may change a provider's placements, and what happens when she will not move in after all.
/// </summary>
public sealed class KeepingAndChangingMindTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    private HousingClient Officer => fixture.Officer;

    private HousingClient OtherAgency => fixture.As(Identity.HousingOfficer(agency: "housing-leeds", area: "E08000035"));

    [Fact]
    public async Task Only_the_keeping_agency_changes_a_providers_schemes_units_and_vacancies()
    {
        var scheme = await World.SchemeAsync(Officer);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer, schemeId: scheme.SchemeId);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => OtherAgency.Catalogue.UpdateProviderAsync(new UpdateProviderRequest
        {
            ProviderId = scheme.ProviderId, Name = "Renamed", ExpectedVersion = 1,
        }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => OtherAgency.Catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = "Flat 9" }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => OtherAgency.Vacancies.CloseVacancyAsync(new CloseVacancyRequest
        {
            VacancyId = vacancy.VacancyId, ExpectedVersion = vacancy.Version, Reason = "not ours to close",
        }));

        var read = await Officer.Catalogue.GetUnitAsync(new GetUnitRequest { UnitId = unit.UnitId });
        Assert.Equal(World.ProviderDefaults().WomenOnly, read.EffectiveAttributes.WomenOnly);
        Assert.Equal(VacancyStatus.Open, read.Vacancy.Status);
        var updated = await Officer.Catalogue.UpdateProviderAsync(new UpdateProviderRequest
        {
            ProviderId = scheme.ProviderId, Name = "Women's Housing Trust", Attributes = World.ProviderDefaults(), ExpectedVersion = 1,
        });
        Assert.Equal(2, updated.Version);
        Assert.Equal(Identity.HousingOfficer().Agency, updated.KeepingAgency);
    }

    [Fact]
    public async Task Declining_an_accepted_offer_before_she_moves_in_opens_the_vacancy_again()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        var (_, other) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var accepted = await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });

        var declined = await Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest
        {
            OfferId = offer.OfferId, ExpectedVersion = accepted.Version, ReasonCode = "person-declined", Note = "Changed her mind before moving in",
        });
        var reopened = await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId });
        var next = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = other.VacancyId });
        var acceptedNext = await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = next.OfferId, ExpectedVersion = next.Version });

        Assert.Equal(OfferStatus.Declined, declined.Status);
        Assert.Equal(VacancyStatus.Open, reopened.Status);
        Assert.Equal(OfferStatus.Accepted, acceptedNext.Status);
    }

    [Fact]
    public async Task A_tenancy_cannot_start_before_the_offer_was_accepted()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var accepted = await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });

        await Rpc.RejectsField("started_at", () => Officer.Tenancies.StartTenancyAsync(new StartTenancyRequest
        {
            OfferId = offer.OfferId, ExpectedVersion = accepted.Version, StartedAt = World.At(new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        }));

        var still = (await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers.Single(o => o.OfferId == offer.OfferId);
        Assert.Equal(OfferStatus.Accepted, still.Status);
    }

    [Fact]
    public async Task A_vacancy_cannot_open_years_ahead()
    {
        var scheme = await World.SchemeAsync(Officer);
        var unit = await Officer.Catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = "Flat 2" });

        await Rpc.RejectsField("available_from", () => Officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest
        {
            UnitId = unit.UnitId, AvailableFrom = World.At(fixture.Host.Clock.GetUtcNow().AddYears(5)),
        }));

        Assert.Null((await Officer.Catalogue.GetUnitAsync(new GetUnitRequest { UnitId = unit.UnitId })).Vacancy);
    }
}
