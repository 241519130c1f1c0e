using Grpc.Core;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>Break-glass is one look at her: it decides nothing on an offer or tenancy another agency keeps.</summary>
public sealed class BreakGlassTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    private const string Emergency = "Out-of-hours: she is at the door of our refuge";

    private HousingClient Officer => fixture.Officer;

    private HousingClient Glass => fixture.As(Identity.HousingOfficer("housing-devon", "E10000008"), Emergency);

    [Fact]
    public async Task Break_glass_cannot_accept_or_decline_another_agencys_offer()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => Glass.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => Glass.Offers.DeclineOfferAsync(new DeclineOfferRequest
        {
            OfferId = offer.OfferId, ExpectedVersion = offer.Version, ReasonCode = "person-declined",
        }));

        var offers = (await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers;
        Assert.Equal(OfferStatus.Offered, Assert.Single(offers).Status);
    }

    [Fact]
    public async Task Break_glass_cannot_start_or_end_a_tenancy_on_another_agencys_offer()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var accepted = await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => Glass.Tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = accepted.Version }));
        var tenancy = await Officer.Tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = accepted.Version });
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => Glass.Tenancies.EndTenancyAsync(new EndTenancyRequest
        {
            TenancyId = tenancy.TenancyId, ExpectedVersion = tenancy.Version, EndKind = TenancyEndKind.Eviction, Reason = "ended by another agency",
        }));

        var history = await Officer.Tenancies.ListTenanciesAsync(new ListTenanciesRequest { PersonId = personId });
        Assert.Null(Assert.Single(history.Tenancies).EndedAt);
    }
}
