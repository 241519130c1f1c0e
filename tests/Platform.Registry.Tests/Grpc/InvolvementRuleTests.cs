using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// Who may start, end or lead an involvement: an involvement is lasting access that every service
/// honours, so break-glass never makes one, and only a lead for the person brings another agency in.
/// </summary>
public sealed class InvolvementRuleTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private const string Devon = "E10000008";
    private const string Emergency = "Police welfare check: immediate risk to life";

    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());
    private readonly Identity _outsider = Identity.SupportWorker("police-devon", Devon);
    private readonly RegistryClient _auditor = fixture.As(Identity.Auditor());

    private static StartInvolvementRequest For(Person person, string agency = "") => new()
    {
        PersonId = person.PersonId, Agency = agency, LawfulBasis = LawfulBasis.Safeguarding, Reason = "MARAC action: police to attend",
    };

    private async Task<IReadOnlyList<Involvement>> InvolvementsAsync(Person person) =>
        (await _worker.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = person.PersonId, IncludeEnded = true })).Involvements;

    [Fact]
    public async Task Break_glass_starts_no_involvement_for_itself_or_any_other_agency_and_leaves_no_access()
    {
        var person = await _worker.RegisterAsync(People.Named("Araminta", "Blackwood", 1971));
        var glass = fixture.As(_outsider, Emergency);

        var own = await Rpc.FailsWith(StatusCode.PermissionDenied, () => glass.Involvements.StartInvolvementAsync(For(person)));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => glass.Involvements.StartInvolvementAsync(For(person, "probation-devon")));

        Assert.Contains("Break-glass", own.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["outreach-bristol"], (await InvolvementsAsync(person)).Select(i => i.Agency));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        var refused = (await _auditor.AuditAsync(person.PersonId)).Where(e => e.Action == "involvement.start").ToList();
        Assert.Equal([("Denied", Emergency), ("Denied", Emergency)], refused.Select(e => (e.Basis, e.Reason)));
    }

    [Fact]
    public async Task Break_glass_start_over_json_is_forbidden()
    {
        var person = await _worker.RegisterAsync(People.Named("Barnaby", "Cheverell", 1972));
        using var http = fixture.Host.Http(_outsider, Emergency);

        using var response = await http.PostAsJsonAsync($"/v1/persons/{person.PersonId}/involvements", new { role = "custody" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(await InvolvementsAsync(person));
    }

    [Fact]
    public async Task Agency_in_her_area_starts_its_own_involvement_and_the_start_is_audited_with_the_area_basis()
    {
        var person = await _worker.RegisterAsync(People.Named("Cressida", "Dunmore", 1973));

        var started = await fixture.As(Identity.SupportWorker("housing-bristol")).Involvements.StartInvolvementAsync(
            new StartInvolvementRequest { PersonId = person.PersonId, Role = "tenancy sustainment" });

        Assert.Equal(("housing-bristol", "housing-bristol", LawfulBasis.Unspecified), (started.Agency, started.StartedByAgency, started.LawfulBasis));
        var audit = (await _auditor.AuditAsync(person.PersonId)).First(e => e.Action == "involvement.start");
        Assert.Equal(("Area", "housing-bristol"), (audit.Basis, audit.Agency));
    }

    [Fact]
    public async Task Area_never_starts_another_agencys_involvement_even_for_a_safeguarding_lead()
    {
        var person = await _worker.RegisterAsync(People.Named("Dorian", "Eversleigh", 1974));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.SafeguardingLead("asc-bristol")).Involvements.StartInvolvementAsync(For(person, "police-devon")));

        Assert.Single(await InvolvementsAsync(person));
    }

    [Fact]
    public async Task Involved_agency_that_does_not_lead_cannot_start_another_agencys_involvement()
    {
        var person = await _worker.RegisterAsync(People.Named("Eudora", "Fanshawe", 1975));

        var refused = await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Involvements.StartInvolvementAsync(For(person, "police-devon")));

        Assert.Contains("lead", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Single(await InvolvementsAsync(person));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Lead_professionals_agency_brings_another_agency_in_with_its_lawful_basis_stored_audited_and_published()
    {
        var person = await _worker.RegisterAsync(People.Named("Fenella", "Gascoigne", 1976));
        await _worker.LeadAsync(person.PersonId);

        var started = await _worker.Involvements.StartInvolvementAsync(For(person, "police-devon"));

        Assert.Equal(("police-devon", "outreach-bristol", LawfulBasis.Safeguarding, "MARAC action: police to attend"),
            (started.Agency, started.StartedByAgency, started.LawfulBasis, started.LawfulBasisReason));
        Assert.Equal(person.PersonId, (await fixture.As(_outsider).GetAsync(person.PersonId)).PersonId);
        var audit = (await _auditor.AuditAsync(person.PersonId)).First(e => e.Action == "involvement.start");
        Assert.Equal(("Involvement", "for police-devon, lawful basis Safeguarding: MARAC action: police to attend"), (audit.Basis, audit.Reason));
        var published = await fixture.Events.WaitForAsync<InvolvementStarted>(e => e.InvolvementId == started.InvolvementId);
        Assert.Equal(("outreach-bristol", "Safeguarding"), (published.StartedByAgency, published.LawfulBasis));
    }

    [Fact]
    public async Task Safeguarding_lead_of_an_involved_agency_leads_for_her()
    {
        var lead = fixture.As(Identity.SafeguardingLead("asc-bristol"));
        var person = await lead.RegisterAsync(People.Named("Gideon", "Hartopp", 1977));

        var started = await lead.Involvements.StartInvolvementAsync(For(person, "idva-bristol"));

        Assert.Equal("asc-bristol", started.StartedByAgency);
    }

    [Fact]
    public async Task Another_agencys_involvement_needs_a_lawful_basis_and_a_reason()
    {
        var person = await _worker.RegisterAsync(People.Named("Honoria", "Ingleby", 1978));
        await _worker.LeadAsync(person.PersonId);

        var fields = await Rpc.RejectsField("lawful_basis", () => _worker.Involvements.StartInvolvementAsync(
            new StartInvolvementRequest { PersonId = person.PersonId, Agency = "police-devon" }));

        Assert.Contains("reason", fields);
        Assert.Single(await InvolvementsAsync(person));
    }

    [Fact]
    public async Task Another_agencys_involvement_is_ended_only_by_a_lead_and_never_by_break_glass()
    {
        var person = await _worker.RegisterAsync(People.Named("Ignatius", "Jolliffe", 1979));
        var lead = fixture.As(Identity.SafeguardingLead("asc-bristol"));
        await lead.Involvements.StartInvolvementAsync(new StartInvolvementRequest { PersonId = person.PersonId });
        var probation = await lead.BringInAsync(person.PersonId, "probation-avon");
        var end = new EndInvolvementRequest { InvolvementId = probation.InvolvementId, ExpectedVersion = probation.Version, Reason = "order completed" };

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Involvements.EndInvolvementAsync(end));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).Involvements.EndInvolvementAsync(end));
        var ended = await lead.Involvements.EndInvolvementAsync(end);

        Assert.NotNull(ended.Until);
    }

    [Fact]
    public async Task Taking_the_lead_from_another_agency_needs_a_lead_and_break_glass_never_moves_it()
    {
        var person = await _worker.RegisterAsync(People.Named("Jocasta", "Kenworthy", 1980));
        var lead = fixture.As(Identity.SafeguardingLead("asc-bristol"));
        await lead.Involvements.StartInvolvementAsync(new StartInvolvementRequest { PersonId = person.PersonId, LeadProfessional = true });
        var mine = (await InvolvementsAsync(person)).Single(i => i.Agency == "outreach-bristol");
        var takeLead = new SetLeadProfessionalRequest { InvolvementId = mine.InvolvementId, ExpectedVersion = mine.Version };

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Involvements.SetLeadProfessionalAsync(takeLead));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, Emergency).Involvements.SetLeadProfessionalAsync(takeLead));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Involvements.StartInvolvementAsync(
            new StartInvolvementRequest { PersonId = person.PersonId, Role = "second team", LeadProfessional = true }));
        var handedOver = await lead.Involvements.SetLeadProfessionalAsync(takeLead);

        Assert.True(handedOver.LeadProfessional);
        Assert.Equal(["outreach-bristol"], (await InvolvementsAsync(person)).Where(i => i.LeadProfessional).Select(i => i.Agency));
    }
}
