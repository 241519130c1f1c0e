using Platform.Engagement.Tests.Grpc;
using Platform.IntegrationEvents.Engagement;
using Platform.Testing;

namespace Platform.Engagement.Tests.Disengagement;

/// <summary>The thresholds are read from configuration (Engagement:Disengagement), not fixed in code.</summary>
public sealed class ConfiguredThresholdTests(ConfiguredThresholdTests.TwoAttempts fixture) : IClassFixture<ConfiguredThresholdTests.TwoAttempts>
{
    /// <summary>An engagement host configured to raise an alert after two failed attempts instead of three.</summary>
    public sealed class TwoAttempts : EngagementFixture
    {
        protected override TestHostOptions Options => new()
        {
            RecordEvents = [typeof(DisengagementDetected)],
            Configuration = new Dictionary<string, string?> { ["Engagement:Disengagement:ConsecutiveAttempts"] = "2" },
        };
    }

    [Fact]
    public async Task Two_failed_attempts_raise_an_alert_where_two_are_configured()
    {
        var person = await fixture.PersonAsync();
        var worker = fixture.As(Identity.SupportWorker());

        await worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-2)));
        await worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-1)));

        var alert = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person);
        Assert.Equal(("consecutive-attempts", 2), (alert.Rule, alert.AttemptsSinceSuccess));
    }
}
