using Platform.Engagement.Disengagement;
using Platform.Engagement.Tests.Grpc;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Testing;

namespace Platform.Engagement.Tests.Disengagement;

/// <summary>
/// Disengagement raised by contacts as they arrive and by the scheduled check as the clock moves.
/// The tests of this class move the host's clock, so each records its contacts relative to the time it reads.
/// </summary>
public sealed class DisengagementTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Three_failed_attempts_raise_one_alert_and_a_fourth_raises_nothing_new()
    {
        var person = await fixture.PersonAsync();
        await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-3)));
        await _worker.RecordAsync(Contacts.Declined(person, fixture.Now.AddDays(-2)));
        Assert.Equal(0, await EpisodesAsync(person));

        await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-1)));
        var detected = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person);
        var fourth = await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-1)));
        await fixture.Events.WaitForAsync<ContactRecorded>(e => e.ContactId == fourth.ContactId);

        Assert.Equal(("consecutive-attempts", 3), (detected.Rule, detected.AttemptsSinceSuccess));
        Assert.Equal([EngagementFixture.Outreach], detected.Agencies);
        Assert.Equal(1, await EpisodesAsync(person));
        Assert.Single(fixture.Events.Of<DisengagementDetected>(), e => e.PersonId == person);
        var summary = await _worker.SummaryAsync(person);
        Assert.True(summary.NeedsAssertiveOutreach);
        Assert.Equal(4, summary.AttemptsSinceLastSuccess);
    }

    [Fact]
    public async Task Successful_contact_ends_the_episode_and_rearms_the_alert()
    {
        var person = await fixture.PersonAsync();
        await FailedAttemptsAsync(person, 3, fixture.Now.AddDays(-10));
        var first = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person);

        await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddDays(-6)));

        Assert.False((await _worker.SummaryAsync(person)).NeedsAssertiveOutreach);
        await FailedAttemptsAsync(person, 3, fixture.Now.AddDays(-5));
        var second = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person && e.EpisodeId != first.EpisodeId);
        Assert.Equal(fixture.Now.AddDays(-6), second.LastSuccessfulContactAt);
        Assert.Equal(2, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM disengagement_episodes WHERE person_id = @PersonId", person));
        Assert.Equal(1, await EpisodesAsync(person));
    }

    [Fact]
    public async Task Scheduled_check_raises_no_contact_after_14_days_at_high_risk_and_30_otherwise()
    {
        var high = await fixture.PersonAsync();
        var standard = await fixture.PersonAsync();
        await fixture.Host.Bus.Publish(new RiskLevelChanged { PersonId = high, RiskLevel = RiskLevels.High, Agency = "asc-bristol", OccurredAt = fixture.Now });
        await Eventually.TrueAsync(async () =>
            await fixture.ScalarAsync<string?>("SELECT risk_level FROM person_context WHERE person_id = @PersonId", high) == RiskLevels.High);
        var start = fixture.Now;
        await _worker.RecordAsync(Contacts.Made(high, start));
        await _worker.RecordAsync(Contacts.Made(standard, start));
        var sweep = fixture.Host.Service<DisengagementSweep>();

        await AdvanceToAsync(sweep, start.AddDays(14)); // exactly at the limit: not yet
        Assert.Equal((0, 0), (await EpisodesAsync(high), await EpisodesAsync(standard)));

        await AdvanceToAsync(sweep, start.AddDays(14).AddMinutes(1));
        var highAlert = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == high);
        Assert.Equal(("no-contact-high-risk", "high"), (highAlert.Rule, highAlert.RiskLevel));
        Assert.Equal(0, await EpisodesAsync(standard));

        await AdvanceToAsync(sweep, start.AddDays(30));
        Assert.Equal(0, await EpisodesAsync(standard));
        await AdvanceToAsync(sweep, start.AddDays(30).AddMinutes(1));
        var standardAlert = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == standard);
        Assert.Equal(("no-contact", "standard"), (standardAlert.Rule, standardAlert.RiskLevel));
        Assert.Single(fixture.Events.Of<DisengagementDetected>(), e => e.PersonId == high);
    }

    [Fact]
    public async Task Someone_never_reached_is_counted_from_the_first_attempt()
    {
        var person = await fixture.PersonAsync();
        var start = fixture.Now;
        await _worker.RecordAsync(Contacts.Attempted(person, start));
        var sweep = fixture.Host.Service<DisengagementSweep>();

        await AdvanceToAsync(sweep, start.AddDays(30).AddMinutes(1));

        var alert = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person);
        Assert.Equal(("no-contact", 1), (alert.Rule, alert.AttemptsSinceSuccess));
        Assert.Null(alert.LastSuccessfulContactAt);
    }

    [Fact]
    public async Task Raising_the_risk_to_high_checks_the_person_again_at_once()
    {
        var person = await fixture.PersonAsync();
        await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddDays(-20)));
        Assert.Equal(0, await EpisodesAsync(person));

        await fixture.Host.Bus.Publish(new RiskLevelChanged { PersonId = person, RiskLevel = RiskLevels.High, Agency = "asc-bristol", OccurredAt = fixture.Now });

        var alert = await fixture.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person);
        Assert.Equal("no-contact-high-risk", alert.Rule);
    }

    private async Task FailedAttemptsAsync(string person, int count, DateTimeOffset from)
    {
        for (var i = 0; i < count; i++)
        {
            await _worker.RecordAsync(Contacts.Attempted(person, from.AddHours(i)));
        }
    }

    /// <summary>Moves the clock to <paramref name="at"/> (never back) and runs the scheduled check.</summary>
    private async Task AdvanceToAsync(DisengagementSweep sweep, DateTimeOffset at)
    {
        if (at > fixture.Now)
        {
            fixture.Host.Clock.Advance(at - fixture.Now);
        }
        await sweep.RunOnceAsync(CancellationToken.None);
    }

    private Task<int> EpisodesAsync(string person) =>
        fixture.ScalarAsync<int>("SELECT COUNT(*) FROM disengagement_episodes WHERE person_id = @PersonId AND ended_at IS NULL", person);
}
