using MassTransit;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>
/// The area a person lives in, for the area worklist, is the registry's newest address timeline of
/// her record whatever order the timelines arrive in; a confidential address places her in no area.
/// </summary>
public sealed class PersonAreaTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task An_older_timeline_arriving_after_a_newer_one_does_not_put_her_back_in_the_old_area()
    {
        var person = await fixture.PersonAsync();
        await TimelineAsync(person, 3, Period(EngagementFixture.Bristol, -90, -2), Period(EngagementFixture.SouthGloucestershire, -2));
        await AreaIsAsync(person, EngagementFixture.SouthGloucestershire);

        var late = Guid.NewGuid();
        await fixture.Host.Bus.Publish(
            new PersonAddressesChanged { PersonId = person, Sequence = 2, Addresses = [Period(EngagementFixture.Bristol, -90)], OccurredAt = fixture.Now },
            (PublishContext<PersonAddressesChanged> context) => context.MessageId = late);
        await Eventually.TrueAsync(async () => await fixture.ScalarAsync<int>(
            "SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id AND consumer LIKE '%PersonAddressesChangedConsumer'", new { Id = late.ToString() }) == 1);
        await DisengageAsync(person);

        Assert.Contains(person, await AreaListAsync(EngagementFixture.SouthGloucestershire));
        Assert.DoesNotContain(person, await AreaListAsync(EngagementFixture.Bristol));
    }

    [Fact]
    public async Task A_move_dated_before_her_registration_still_moves_her()
    {
        var person = await fixture.PersonAsync();

        // Recorded late: the address began before the registration, but the registry's sequence is later.
        await TimelineAsync(person, 2, Period(EngagementFixture.Bristol, -90, -80), Period(EngagementFixture.SouthGloucestershire, -80));
        await AreaIsAsync(person, EngagementFixture.SouthGloucestershire);
        await DisengageAsync(person);

        Assert.Contains(person, await AreaListAsync(EngagementFixture.SouthGloucestershire));
        Assert.DoesNotContain(person, await AreaListAsync(EngagementFixture.Bristol));
    }

    [Fact]
    public async Task Living_at_a_confidential_address_puts_her_on_no_area_worklist()
    {
        var person = await fixture.PersonAsync();

        // Her Bristol address closed when she moved to a confidential one, which the timeline leaves out.
        await TimelineAsync(person, 2, Period(EngagementFixture.Bristol, -90, -1));
        await AreaIsAsync(person, null);
        await DisengageAsync(person);

        Assert.DoesNotContain(person, await AreaListAsync(EngagementFixture.Bristol));
        Assert.Contains(person, (await _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest())).Items.Select(i => i.PersonId));
    }

    private AddressPeriod Period(string area, int fromDays, int? untilDays = null) => new()
    {
        LocalAuthority = area, From = fixture.Now.AddDays(fromDays), Until = untilDays is { } until ? fixture.Now.AddDays(until) : null,
    };

    private Task TimelineAsync(string person, long sequence, params AddressPeriod[] periods) =>
        fixture.Host.Bus.Publish(new PersonAddressesChanged { PersonId = person, Sequence = sequence, Addresses = periods, OccurredAt = fixture.Now });

    private Task AreaIsAsync(string person, string? area) => Eventually.TrueAsync(async () =>
        await fixture.ScalarAsync<long>("SELECT address_sequence FROM person_context WHERE person_id = @PersonId", person) >= 2
        && await fixture.ScalarAsync<string?>("SELECT local_authority FROM person_context WHERE person_id = @PersonId", person) == area);

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
