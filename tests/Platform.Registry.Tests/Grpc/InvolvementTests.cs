using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>The register's own workings, driven by a lead for the person (who may bring other agencies in and end their involvement).</summary>
public sealed class InvolvementTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SafeguardingLead("outreach-bristol"));

    private Task<ListInvolvementsResponse> ListAsync(string personId, bool includeEnded = false) =>
        _worker.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = personId, IncludeEnded = includeEnded }).ResponseAsync;

    [Fact]
    public async Task Registering_agency_is_involved_from_the_start()
    {
        var person = await _worker.RegisterAsync(People.Named("Isadora", "Jessop", 1980));

        var list = await ListAsync(person.PersonId);

        var involvement = Assert.Single(list.Involvements);
        Assert.Equal("outreach-bristol", involvement.Agency);
        Assert.Equal("registering agency", involvement.Role);
        Assert.Equal(1, list.ActiveCount);
        Assert.Equal(1, person.ActiveInvolvementCount);
        await fixture.Events.WaitForAsync<InvolvementStarted>(e => e.InvolvementId == involvement.InvolvementId && e.Agency == "outreach-bristol");
    }

    [Fact]
    public async Task Started_involvement_is_listed_counted_and_published()
    {
        var person = await _worker.RegisterAsync(People.Named("Jeremiah", "Kingsley", 1981));

        var started = await _worker.Involvements.StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = person.PersonId, Agency = "drug-alcohol-bristol", Worker = "A. Keyworker", Team = "Outreach", Role = "keyworker",
            LawfulBasis = LawfulBasis.Consent, Reason = "she asked for a keyworker",
        });

        var list = await ListAsync(person.PersonId);
        Assert.Equal(2, list.ActiveCount);
        Assert.Contains(list.Involvements, i => i.InvolvementId == started.InvolvementId && i.Agency == "drug-alcohol-bristol" && i.Role == "keyworker");
        Assert.Equal(1, started.Version);
        Assert.Equal(2, (await _worker.GetAsync(person.PersonId)).ActiveInvolvementCount);
        var published = await fixture.Events.WaitForAsync<InvolvementStarted>(e => e.InvolvementId == started.InvolvementId);
        Assert.Equal(person.PersonId, published.PersonId);
        Assert.Equal("drug-alcohol-bristol", published.Agency);
    }

    [Fact]
    public async Task Ending_an_involvement_records_the_reason_stops_counting_it_and_is_published()
    {
        var person = await _worker.RegisterAsync(People.Named("Kezia", "Lockwood", 1982));
        var started = await _worker.BringInAsync(person.PersonId, "probation-sw");

        var ended = await _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest
        {
            InvolvementId = started.InvolvementId, ExpectedVersion = started.Version, Reason = "order completed",
        });

        Assert.NotNull(ended.Until);
        Assert.Equal("order completed", ended.EndReason);
        Assert.Equal(2, ended.Version);
        var active = await ListAsync(person.PersonId);
        Assert.Equal(1, active.ActiveCount);
        Assert.DoesNotContain(active.Involvements, i => i.InvolvementId == started.InvolvementId);
        Assert.Contains((await ListAsync(person.PersonId, includeEnded: true)).Involvements, i => i.InvolvementId == started.InvolvementId);
        var published = await fixture.Events.WaitForAsync<InvolvementEnded>(e => e.InvolvementId == started.InvolvementId);
        Assert.Equal("order completed", published.Reason);
    }

    [Fact]
    public async Task Ending_an_involvement_without_a_reason_is_invalid_and_leaves_it_active()
    {
        var person = await _worker.RegisterAsync(People.Named("Lysander", "Mortimer", 1983));
        var started = await _worker.BringInAsync(person.PersonId, "probation-sw");

        await Rpc.RejectsField("reason", () => _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest
        {
            InvolvementId = started.InvolvementId, ExpectedVersion = started.Version, Reason = "  ",
        }));

        Assert.Equal(2, (await ListAsync(person.PersonId)).ActiveCount);
    }

    [Fact]
    public async Task Ending_with_a_stale_version_is_aborted()
    {
        var person = await _worker.RegisterAsync(People.Named("Marigold", "Netherwood", 1984));
        var started = await _worker.BringInAsync(person.PersonId, "probation-sw");
        await _worker.Involvements.SetLeadProfessionalAsync(new SetLeadProfessionalRequest { InvolvementId = started.InvolvementId, ExpectedVersion = 1 });

        await Rpc.FailsWith(StatusCode.Aborted, () => _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest
        {
            InvolvementId = started.InvolvementId, ExpectedVersion = 1, Reason = "closing",
        }));

        Assert.Equal(2, (await ListAsync(person.PersonId)).ActiveCount);
    }

    [Fact]
    public async Task Ending_an_ended_involvement_fails_its_precondition()
    {
        var person = await _worker.RegisterAsync(People.Named("Nathaniel", "Ormerod", 1985));
        var started = await _worker.BringInAsync(person.PersonId, "probation-sw");
        var ended = await _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest { InvolvementId = started.InvolvementId, ExpectedVersion = 1, Reason = "done" });

        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest
        {
            InvolvementId = started.InvolvementId, ExpectedVersion = ended.Version, Reason = "again",
        }));
    }

    [Fact]
    public async Task Only_one_involvement_leads_at_a_time()
    {
        var person = await _worker.RegisterAsync(People.Named("Octavia", "Pennington", 1986));
        var first = await _worker.BringInAsync(person.PersonId, "asc-bristol", lead: true);
        var second = await _worker.BringInAsync(person.PersonId, "idva-bristol", lead: true);

        var afterSecond = (await ListAsync(person.PersonId)).Involvements.Where(i => i.LeadProfessional).Select(i => i.InvolvementId).ToList();
        var firstNow = (await ListAsync(person.PersonId)).Involvements.Single(i => i.InvolvementId == first.InvolvementId);
        var lead = await _worker.Involvements.SetLeadProfessionalAsync(new SetLeadProfessionalRequest { InvolvementId = first.InvolvementId, ExpectedVersion = firstNow.Version });
        var afterSwitch = (await ListAsync(person.PersonId)).Involvements.Where(i => i.LeadProfessional).Select(i => i.InvolvementId).ToList();

        Assert.Equal([second.InvolvementId], afterSecond);
        Assert.True(lead.LeadProfessional);
        Assert.Equal([first.InvolvementId], afterSwitch);
    }

    [Fact]
    public async Task Setting_the_lead_with_a_stale_version_is_aborted_and_changes_no_lead()
    {
        var person = await _worker.RegisterAsync(People.Named("Percival", "Quimby", 1987));
        var first = await _worker.BringInAsync(person.PersonId, "asc-bristol", lead: true);
        var second = await _worker.BringInAsync(person.PersonId, "idva-bristol");
        await _worker.Involvements.SetLeadProfessionalAsync(new SetLeadProfessionalRequest { InvolvementId = second.InvolvementId, ExpectedVersion = 1 });

        // The first involvement lost the lead, which changed its version.
        await Rpc.FailsWith(StatusCode.Aborted,
            () => _worker.Involvements.SetLeadProfessionalAsync(new SetLeadProfessionalRequest { InvolvementId = first.InvolvementId, ExpectedVersion = 1 }));

        Assert.Equal([second.InvolvementId],
            (await ListAsync(person.PersonId)).Involvements.Where(i => i.LeadProfessional).Select(i => i.InvolvementId));
    }

    [Fact]
    public async Task Involvement_defaults_to_the_callers_agency()
    {
        var person = await fixture.As(Identity.SupportWorker("housing-bristol")).RegisterAsync(People.Named("Rowena", "Sackville", 1988));

        var started = await _worker.Involvements.StartInvolvementAsync(new StartInvolvementRequest { PersonId = person.PersonId });

        Assert.Equal("outreach-bristol", started.Agency);
    }

    [Fact]
    public async Task Ending_the_last_involvement_of_an_agency_outside_the_area_ends_its_access()
    {
        var devon = fixture.As(Identity.SupportWorker("police-devon", "E10000008"));
        var person = await devon.RegisterAsync(People.Named("Sebastian", "Tolliver", 1989, "E10000008"));
        var involvement = Assert.Single((await devon.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = person.PersonId })).Involvements);
        await devon.LeadAsync(person.PersonId, "police-devon");
        await devon.BringInAsync(person.PersonId, "outreach-bristol");
        Assert.Equal(person.PersonId, (await _worker.GetAsync(person.PersonId)).PersonId);

        var mine = (await ListAsync(person.PersonId)).Involvements.Single(i => i.Agency == "outreach-bristol");
        await _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest { InvolvementId = mine.InvolvementId, ExpectedVersion = mine.Version, Reason = "closed" });

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        Assert.Equal("police-devon", involvement.Agency);
    }
}
