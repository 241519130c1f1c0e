using Platform.Engagement.V1;
using Platform.IntegrationEvents.Housing;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>The outreach worklist: people disengaging, for an agency or an area, only those the caller may see.</summary>
public sealed class OutreachWorklistTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Person_disengaging_is_on_the_worklist_of_her_agency_and_her_area_only()
    {
        var person = await DisengagedAsync();

        Assert.Contains(person, await ListAsync(_worker, new ListOutreachWorklistRequest()));
        Assert.Contains(person, await ListAsync(_worker, new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.Bristol }));
        Assert.DoesNotContain(person, await ListAsync(_worker, new ListOutreachWorklistRequest { Agency = "drugs-bristol" }));
        Assert.DoesNotContain(person, await ListAsync(_worker, new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.SouthGloucestershire }));
    }

    [Fact]
    public async Task Worklist_item_says_which_rule_and_how_many_attempts()
    {
        var person = await DisengagedAsync();

        var item = (await _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest())).Items.Single(i => i.PersonId == person);

        Assert.Equal("consecutive-attempts", item.Rule);
        Assert.Equal(3, item.AttemptsSinceLastSuccess);
        Assert.Null(item.LastSuccessfulContact);
        Assert.Equal("standard", item.RiskLevel);
    }

    [Fact]
    public async Task Caller_without_a_relationship_does_not_see_the_person_on_an_area_list()
    {
        var person = await DisengagedAsync();

        var seen = await ListAsync(fixture.As(EngagementFixture.Stranger), new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.Bristol });

        Assert.DoesNotContain(person, seen);
        Assert.Contains(person, await ListAsync(_worker, new ListOutreachWorklistRequest { LocalAuthority = EngagementFixture.Bristol }));
    }

    [Fact]
    public async Task Outreach_requested_by_housing_puts_the_person_on_the_worklist()
    {
        var person = await fixture.PersonAsync();

        await fixture.Host.Bus.Publish(new AssertiveOutreachRequested
        {
            PersonId = person, Agency = "housing-bristol", Reason = "could not reach her about an offer", OccurredAt = fixture.Now,
        });

        var items = await Eventually.ReadAsync(
            async () => (await _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest())).Items,
            items => items.Any(i => i.PersonId == person));
        var item = items.Single(i => i.PersonId == person);
        Assert.Equal("requested", item.Rule);
        Assert.Contains("could not reach her about an offer", item.Reason, StringComparison.Ordinal);
        Assert.Contains(await _worker.ChronologyAsync(person), e => e.Kind == EntryKind.OutreachRequested);
    }

    [Fact]
    public async Task Agency_and_area_together_are_invalid()
    {
        await Rpc.RejectsField("local_authority", () => _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest
        {
            Agency = EngagementFixture.Outreach, LocalAuthority = EngagementFixture.Bristol,
        }));
        await Rpc.RejectsField("local_authority", () => _worker.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest { LocalAuthority = "Bristol" }));
    }

    private async Task<string> DisengagedAsync()
    {
        var person = await fixture.PersonAsync();
        for (var day = 3; day > 0; day--)
        {
            await _worker.RecordAsync(Contacts.Attempted(person, fixture.Now.AddDays(-day)));
        }
        return person;
    }

    private static async Task<IReadOnlyList<string>> ListAsync(EngagementClient client, ListOutreachWorklistRequest request) =>
        (await client.Outreach.ListOutreachWorklistAsync(request)).Items.Select(i => i.PersonId).ToList();
}
