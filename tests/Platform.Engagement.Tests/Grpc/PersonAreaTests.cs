using MassTransit;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>
/// The area a person lives in, for the area worklist, follows the registry's events whatever order
/// they arrive in and whatever dates they carry.
/// </summary>
public sealed class PersonAreaTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Registration_arriving_after_a_move_does_not_put_her_back_in_the_old_area()
    {
        var person = Guid.NewGuid().ToString();
        var now = fixture.Now;
        await fixture.Host.Bus.Publish(new PersonMoved
        {
            PersonId = person, FromLocalAuthority = EngagementFixture.Bristol, ToLocalAuthority = EngagementFixture.SouthGloucestershire,
            MovedAt = now.AddDays(-2), OccurredAt = now,
        });
        // The move is applied first, as when the registration event is delayed.
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM handovers WHERE person_id = @PersonId", person) == 1);
        var registration = Guid.NewGuid();
        await fixture.Host.Bus.Publish(
            new PersonRegistered { PersonId = person, RegisteredByAgency = EngagementFixture.Outreach, LocalAuthority = EngagementFixture.Bristol, OccurredAt = now },
            (PublishContext<PersonRegistered> context) => context.MessageId = registration);
        await fixture.Host.Bus.Publish(new InvolvementStarted
        {
            InvolvementId = Guid.NewGuid().ToString(), PersonId = person, Agency = EngagementFixture.Outreach, Since = now.AddDays(-30), OccurredAt = now,
        });
        await Eventually.TrueAsync(async () =>
            await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id AND consumer LIKE '%PersonRegisteredConsumer'",
                new { Id = registration.ToString() }) == 1
            && await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM access_involvements WHERE person_id = @PersonId", person) == 1);

        await DisengageAsync(person);

        Assert.Contains(person, await AreaListAsync(EngagementFixture.SouthGloucestershire));
        Assert.DoesNotContain(person, await AreaListAsync(EngagementFixture.Bristol));
    }

    [Fact]
    public async Task Move_dated_before_the_registration_event_still_moves_her()
    {
        var person = await fixture.PersonAsync();
        await fixture.Host.Bus.Publish(new PersonMoved
        {
            // Recorded late: the registration event is newer than the date she moved.
            PersonId = person, FromLocalAuthority = EngagementFixture.Bristol, ToLocalAuthority = EngagementFixture.SouthGloucestershire,
            MovedAt = fixture.Now.AddDays(-90), OccurredAt = fixture.Now,
        });
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM handovers WHERE person_id = @PersonId", person) == 1);

        await DisengageAsync(person);

        Assert.Contains(person, await AreaListAsync(EngagementFixture.SouthGloucestershire));
        Assert.DoesNotContain(person, await AreaListAsync(EngagementFixture.Bristol));
    }

    private async Task DisengageAsync(string person)
    {
        for (var hour = 3; hour > 0; hour--)
        {
            await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-hour)));
        }
    }

    private async Task<IReadOnlyList<string>> AreaListAsync(string area) =>
        (await _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = area })).Items.Select(i => i.PersonId).ToList();
}
