using Platform.IntegrationEvents.Housing;
using Platform.Testing;

namespace Platform.Housing.Tests.Grpc;

/// <summary>One housing host shared by the tests of a class; tests create their own people and placements.</summary>
public sealed class HousingFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HousingHost.StartAsync(new TestHostOptions
    {
        RecordEvents =
        [
            typeof(VacancyOpened), typeof(VacancyClosed), typeof(OfferMade), typeof(OfferAccepted), typeof(OfferDeclined),
            typeof(TenancyStarted), typeof(TenancyEnded), typeof(AssertiveOutreachRequested),
        ],
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HousingClient As(Identity who, string? breakGlassReason = null) => new(Host.Channel(who, breakGlassReason));

    public HousingClient Officer => As(Identity.HousingOfficer());
}
