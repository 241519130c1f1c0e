using Platform.Housing.Tests.Grpc;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Housing;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Testing;

namespace Platform.Housing.Tests.Messaging;

/// <summary>
/// Housing's events leave through its outbox and cross a real RabbitMQ broker, and the events it
/// consumes (the registry's, safeguarding's) arrive the same way, as in distributed mode.
/// </summary>
public sealed class HousingEventsOverRabbitMqTests
{
    [SkippableFact]
    public async Task Offers_and_outreach_alerts_cross_rabbitmq_and_risk_changes_arrive()
    {
        Infrastructure.RequireRabbitMq();
        await using var host = await HousingHost.StartAsync(new TestHostOptions
        {
            RabbitMq = true,
            RecordEvents = [typeof(VacancyOpened), typeof(OfferMade), typeof(OfferDeclined), typeof(AssertiveOutreachRequested)],
        });
        var officer = new HousingClient(host.Channel(Identity.HousingOfficer()));
        var personId = await World.PersonAsync(host);
        var (_, vacancy) = await World.VacantUnitAsync(officer, new PlacementAttributes { MaxRiskLevel = RiskLevel.Standard });
        await World.NeedsAsync(officer, personId);
        var offer = await officer.Offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = vacancy.VacancyId });

        await host.Bus.Publish(new RiskLevelChanged { PersonId = personId, RiskLevel = RiskLevels.Medium, Agency = "asc-bristol", OccurredAt = host.Clock.GetUtcNow() });
        await World.UntilAsync(host, "SELECT COUNT(*) FROM offers WHERE person_id = @PersonId AND no_longer_fits_json IS NOT NULL", personId);
        await officer.Offers.DeclineOfferAsync(new DeclineOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version + 1, ReasonCode = "unable-to-contact" });

        var timeout = TimeSpan.FromSeconds(30);
        await host.Events.WaitForAsync<VacancyOpened>(e => e.VacancyId == vacancy.VacancyId, timeout);
        await host.Events.WaitForAsync<OfferMade>(e => e.OfferId == offer.OfferId, timeout);
        await host.Events.WaitForAsync<OfferDeclined>(e => e.OfferId == offer.OfferId && e.ReasonCode == "unable-to-contact", timeout);
        var alert = await host.Events.WaitForAsync<AssertiveOutreachRequested>(e => e.PersonId == personId, timeout);
        Assert.Equal(offer.OfferId, alert.OfferId);
    }
}
