using Grpc.Core;
using Platform.Housing.Background;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>Holds expire by the clock: reads treat a lapsed hold as released at once, and the sweep makes it so.</summary>
public sealed class HoldExpiryTests : IAsyncLifetime
{
    private TestHost _host = null!;

    private HousingClient Officer => new(_host.Channel(Identity.HousingOfficer()));

    public async Task InitializeAsync() => _host = await HousingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Accepting_an_expired_offer_fails_precondition()
    {
        var personId = await World.PersonAsync(_host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest
        {
            PersonId = personId, VacancyId = vacancy.VacancyId, HoldExpiresAt = World.At(_host.Clock.GetUtcNow().AddHours(24)),
        });

        _host.Clock.Advance(TimeSpan.FromHours(25));

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version }));
        var listed = Assert.Single((await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers);
        Assert.Equal(OfferStatus.Expired, listed.Status);
        Assert.Equal(VacancyStatus.Open, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId })).Status);
    }

    [Fact]
    public async Task A_lapsed_hold_releases_itself_and_the_vacancy_can_be_offered_again()
    {
        var first = await World.PersonAsync(_host);
        var second = await World.PersonAsync(_host);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, first);
        await World.NeedsAsync(Officer, second);
        var lapsed = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = first, VacancyId = vacancy.VacancyId });
        var whileHeld = await Officer.Matching.ExplainPlacementAsync(new ExplainPlacementRequest { PersonId = second, UnitId = unit.UnitId });

        _host.Clock.Advance(TimeSpan.FromHours(73));
        var beforeSweep = await Officer.Matching.ExplainPlacementAsync(new ExplainPlacementRequest { PersonId = second, UnitId = unit.UnitId });
        await _host.Service<HoldExpiry>().SweepAsync();

        Assert.Equal("vacancy", Assert.Single(whileHeld.Rules, r => !r.Passed).Rule);
        Assert.True(beforeSweep.Fits);
        var offers = (await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = first })).Offers;
        Assert.Equal(OfferStatus.Expired, Assert.Single(offers, o => o.OfferId == lapsed.OfferId).Status);
        var next = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = second, VacancyId = vacancy.VacancyId });
        Assert.Equal(next.OfferId, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId })).HeldByOfferId);
    }

    [Fact]
    public async Task A_vacancy_past_its_last_day_closes_as_expired()
    {
        var now = _host.Clock.GetUtcNow();
        var scheme = await World.SchemeAsync(Officer);
        var unit = await Officer.Catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = "Room 4" });
        var vacancy = await Officer.Vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = unit.UnitId, AvailableUntil = World.At(now.AddDays(7)) });

        _host.Clock.Advance(TimeSpan.FromDays(8));
        await _host.Service<HoldExpiry>().SweepAsync();

        Assert.Equal(VacancyStatus.Expired, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId })).Status);
    }
}
