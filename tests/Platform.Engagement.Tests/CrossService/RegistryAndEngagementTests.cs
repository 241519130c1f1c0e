using Platform.Engagement.Tests.Grpc;
using Platform.Engagement.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>Registry and engagement in one host over the in-memory bus.</summary>
public sealed class RegistryAndEngagementTests : IAsyncLifetime
{
    private RegistryAndEngagement _services = null!;

    public async Task InitializeAsync() =>
        _services = new RegistryAndEngagement(await EngagementHost.StartWithRegistryAsync(RegistryAndEngagement.Options()));

    public async Task DisposeAsync() => await _services.Host.DisposeAsync();

    [Fact]
    public async Task Registry_move_hands_the_person_over_and_failed_attempts_raise_an_alert() =>
        await _services.MoveAndDisengageAsync("Philippa", "Marchbanks");

    [Fact]
    public async Task Person_registered_through_the_registry_can_be_contacted_by_an_involved_agency()
    {
        var person = await _services.RegisterAsync("Rosamund", "Tillotson");

        var contact = await _services.Engagement(Identity.SupportWorker(RegistryAndEngagement.Drugs)).RecordAsync(
            Contacts.Made(person.PersonId, _services.Host.Clock.GetUtcNow().AddHours(-1)));

        var entries = await _services.Engagement(RegistryAndEngagement.Worker).ChronologyAsync(person.PersonId);
        Assert.Contains(entries, e => e.ContactId == contact.ContactId);
        Assert.Equal(2, entries.Count(e => e.Kind == EntryKind.InvolvementStarted));
    }

    [Fact]
    public async Task Move_dated_before_the_registration_still_places_the_person_in_her_new_area()
    {
        var now = _services.Host.Clock.GetUtcNow();
        var person = await _services.RegisterAsync("Griselda", "Ormerod", livingThereSince: now.AddDays(-30));
        await _services.MoveAsync(person, EngagementFixture.SouthGloucestershire, from: now.AddDays(-1));
        await _services.Host.Events.WaitForAsync<IntegrationEvents.Engagement.CrossBoundaryHandoverRequested>(e => e.PersonId == person.PersonId);
        var worker = _services.Engagement(RegistryAndEngagement.Worker);
        for (var day = 3; day > 0; day--)
        {
            await worker.RecordAsync(Contacts.Attempted(person.PersonId, now.AddHours(-day)));
        }

        var newArea = await worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.SouthGloucestershire });
        var oldArea = await worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.Bristol });

        Assert.Contains(newArea.Items, i => i.PersonId == person.PersonId);
        Assert.DoesNotContain(oldArea.Items, i => i.PersonId == person.PersonId);
    }

    [Fact]
    public async Task Linked_records_are_one_person_to_the_disengagement_rule()
    {
        var kept = await _services.RegisterAsync("Henrietta", "Blakemore");
        var duplicate = await _services.RegisterAsync("Hetty", "Blakemore");
        await new Registry.V1.PeopleService.PeopleServiceClient(_services.Host.Channel(RegistryAndEngagement.Worker)).LinkPersonsAsync(
            new Registry.V1.LinkPersonsRequest { PersonId = kept.PersonId, OtherPersonId = duplicate.PersonId, Reason = "the same woman" });
        await Eventually.TrueAsync(async () =>
            await _services.CountAsync("SELECT COUNT(*) FROM access_links WHERE person_id = @PersonId", kept.PersonId) == 1);
        var worker = _services.Engagement(RegistryAndEngagement.Worker);
        var now = _services.Host.Clock.GetUtcNow();
        for (var hour = 5; hour > 2; hour--)
        {
            await worker.RecordAsync(Contacts.Attempted(duplicate.PersonId, now.AddHours(-hour)));
        }
        var flagged = await worker.Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = kept.PersonId });

        await worker.RecordAsync(Contacts.Made(kept.PersonId, now.AddHours(-1)));
        var reached = await worker.Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = duplicate.PersonId });

        Assert.True(flagged.NeedsAssertiveOutreach);
        Assert.Equal(3, flagged.AttemptsSinceLastSuccess);
        Assert.False(reached.NeedsAssertiveOutreach);
        Assert.Equal(0, reached.AttemptsSinceLastSuccess);
    }

    [Fact]
    public async Task Linking_a_record_that_was_disengaging_carries_the_alert_to_the_person_and_a_contact_ends_it()
    {
        var kept = await _services.RegisterAsync("Leonora", "Fenwick");
        var duplicate = await _services.RegisterAsync("Nora", "Fenwick");
        var worker = _services.Engagement(RegistryAndEngagement.Worker);
        var now = _services.Host.Clock.GetUtcNow();
        for (var hour = 5; hour > 2; hour--)
        {
            await worker.RecordAsync(Contacts.Attempted(duplicate.PersonId, now.AddHours(-hour)));
        }
        await new Registry.V1.PeopleService.PeopleServiceClient(_services.Host.Channel(RegistryAndEngagement.Worker)).LinkPersonsAsync(
            new Registry.V1.LinkPersonsRequest { PersonId = kept.PersonId, OtherPersonId = duplicate.PersonId, Reason = "the same woman" });
        await Eventually.TrueAsync(async () =>
            await _services.CountAsync("SELECT COUNT(*) FROM disengagement_episodes WHERE person_id = @PersonId AND ended_at IS NULL", kept.PersonId) == 1);

        await worker.RecordAsync(Contacts.Made(kept.PersonId, now.AddHours(-1)));
        var summary = await worker.Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = duplicate.PersonId });

        Assert.False(summary.NeedsAssertiveOutreach);
        Assert.Equal(0, await _services.CountAsync("SELECT COUNT(*) FROM disengagement_episodes WHERE person_id = @PersonId AND ended_at IS NULL", duplicate.PersonId));
    }
}
