using Grpc.Core;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Housing;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>Offer → accepted → tenancy started → tenancy ended, and what accepting does to her other offers.</summary>
public sealed class OfferWorkflowTests(HousingFixture fixture) : IClassFixture<HousingFixture>
{
    private HousingClient Officer => fixture.Officer;

    [Fact]
    public async Task An_offer_runs_to_move_in_and_move_on_publishing_each_step()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);

        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var held = await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId });
        var accepted = await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version });
        var tenancy = await Officer.Tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = accepted.Version });
        var ended = await Officer.Tenancies.EndTenancyAsync(new EndTenancyRequest
        {
            TenancyId = tenancy.TenancyId, ExpectedVersion = tenancy.Version, EndKind = TenancyEndKind.PlannedMoveOn, Reason = "Moved to her own flat",
        });

        Assert.Equal(VacancyStatus.Held, held.Status);
        Assert.Equal(offer.OfferId, held.HeldByOfferId);
        Assert.Equal(OfferStatus.Accepted, accepted.Status);
        Assert.Equal(unit.UnitId, tenancy.UnitId);
        Assert.Equal(TenancyEndKind.PlannedMoveOn, ended.EndKind);
        Assert.Equal(VacancyStatus.Let, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId })).Status);
        var events = fixture.Host.Events;
        await events.WaitForAsync<VacancyOpened>(e => e.VacancyId == vacancy.VacancyId);
        await events.WaitForAsync<OfferMade>(e => e.OfferId == offer.OfferId && e.PersonId == personId);
        await events.WaitForAsync<OfferAccepted>(e => e.OfferId == offer.OfferId);
        await events.WaitForAsync<VacancyClosed>(e => e.VacancyId == vacancy.VacancyId && e.Reason == "let");
        await events.WaitForAsync<TenancyStarted>(e => e.TenancyId == tenancy.TenancyId);
        await events.WaitForAsync<TenancyEnded>(e => e.TenancyId == tenancy.TenancyId && e.EndKind == "planned-move-on");
        var history = await Officer.Tenancies.ListTenanciesAsync(new ListTenanciesRequest { PersonId = personId });
        Assert.Equal(tenancy.TenancyId, Assert.Single(history.Tenancies).TenancyId);
    }

    [Fact]
    public async Task Accepting_one_offer_releases_her_other_offers_and_their_holds()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, first) = await World.VacantUnitAsync(Officer);
        var (_, second) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var kept = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = first.VacancyId });
        var other = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = second.VacancyId });

        await Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = kept.OfferId, ExpectedVersion = kept.Version });

        var offers = (await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers;
        Assert.Equal(OfferStatus.Withdrawn, offers.Single(o => o.OfferId == other.OfferId).Status);
        Assert.Equal(VacancyStatus.Open, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = second.VacancyId })).Status);
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = other.OfferId, ExpectedVersion = other.Version + 1 }));
    }

    [Fact]
    public async Task Accepting_a_declined_offer_fails_precondition()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
        var declined = await Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version, ReasonCode = "placement-unsuitable" });

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Officer.Offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = declined.Version }));
        Assert.Equal(VacancyStatus.Open, (await Officer.Vacancies.GetVacancyAsync(new GetVacancyRequest { VacancyId = vacancy.VacancyId })).Status);
    }

    [Fact]
    public async Task Person_declined_parks_the_placement_for_her()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });

        var declined = await Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest
        {
            OfferId = offer.OfferId, ExpectedVersion = offer.Version, ReasonCode = "person-declined", Note = "Too far from her children's school",
        });

        var explained = await Officer.Matching.ExplainPlacementAsync(new ExplainPlacementRequest { PersonId = personId, UnitId = unit.UnitId });
        Assert.Equal(fixture.Host.Clock.GetUtcNow().AddDays(60), declined.ParkedUntil.ToDateTimeOffset());
        Assert.Equal("recently-declined", Assert.Single(explained.Rules, r => !r.Passed).Rule);
        await fixture.Host.Events.WaitForAsync<OfferDeclined>(e => e.OfferId == offer.OfferId && e.ReasonCode == "person-declined");
    }

    [Fact]
    public async Task Unable_to_contact_raises_an_assertive_outreach_alert()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });

        await Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version, ReasonCode = "unable-to-contact" });

        var alert = await fixture.Host.Events.WaitForAsync<AssertiveOutreachRequested>(e => e.PersonId == personId);
        Assert.Equal(offer.OfferId, alert.OfferId);
        Assert.Equal("housing-bristol", alert.Agency);
    }

    [Fact]
    public async Task Provider_declined_is_kept_for_the_providers_record()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer);
        await World.NeedsAsync(Officer, personId);
        var offer = await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });

        await Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version, ReasonCode = "provider-declined", Note = "Cannot meet needs" });

        var figures = await Officer.Tenancies.GetSustainmentAsync(new GetSustainmentRequest { ProviderId = unit.ProviderId });
        Assert.Equal(1, Assert.Single(figures.Providers).ProviderDeclines);
    }

    [Fact]
    public async Task Bad_offers_are_refused_with_a_clear_status()
    {
        var personId = await World.PersonAsync(fixture.Host);
        var (unit, vacancy) = await World.VacantUnitAsync(Officer, new PlacementAttributes { Accepts = new Accepts { ActiveAlcoholUse = false } });
        await World.NeedsAsync(Officer, personId);
        var now = fixture.Host.Clock.GetUtcNow();

        await Rpc.RejectsField("hold_expires_at", () => Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId, HoldExpiresAt = World.At(now.AddHours(-1)) }));
        await Rpc.FailsWith(StatusCode.NotFound, () => Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = Guid.NewGuid().ToString() }));
        var unfit = await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId }));
        Assert.Contains("active-alcohol-use", unfit.Status.Detail, StringComparison.Ordinal);
        await Officer.Vacancies.CloseVacancyAsync(new CloseVacancyRequest { VacancyId = vacancy.VacancyId, ExpectedVersion = vacancy.Version, Reason = "Repairs" });
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId }));
        await Rpc.RejectsField("reason_code", () => Officer.Offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = Guid.NewGuid().ToString(), ExpectedVersion = 1, ReasonCode = "changed-mind" }));
        await Rpc.RejectsField("end_kind", () => Officer.Tenancies.EndTenancyAsync(new EndTenancyRequest { TenancyId = Guid.NewGuid().ToString(), ExpectedVersion = 1, EndKind = (TenancyEndKind)12, Reason = "x" }));
        Assert.Empty((await Officer.Offers.ListOffersAsync(new ListOffersRequest { PersonId = personId })).Offers);
        Assert.Null((await Officer.Catalogue.GetUnitAsync(new GetUnitRequest { UnitId = unit.UnitId })).Vacancy);
    }

    [Fact]
    public async Task Of_two_concurrent_offers_for_the_last_vacancy_exactly_one_wins()
    {
        var people = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => World.PersonAsync(fixture.Host)));
        var (_, vacancy) = await World.VacantUnitAsync(Officer);
        foreach (var personId in people)
        {
            await World.NeedsAsync(Officer, personId);
        }

        var attempts = people.Select(async personId =>
        {
            try
            {
                await Officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.FailedPrecondition, o));
    }
}
