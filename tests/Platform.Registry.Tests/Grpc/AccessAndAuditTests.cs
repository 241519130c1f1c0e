using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class AccessAndAuditTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private const string Devon = "E10000008";

    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());
    private readonly Identity _outsider = Identity.SupportWorker("police-devon", Devon);
    private readonly RegistryClient _auditor = fixture.As(Identity.Auditor());

    [Fact]
    public async Task Caller_from_another_agency_and_area_is_denied_and_the_denial_is_audited()
    {
        var person = await _worker.RegisterAsync(People.Named("Adelaide", "Rushworth", 1940));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));

        var latest = (await _auditor.AuditAsync(person.PersonId))[0];
        Assert.Equal(("person.read", "Denied", "police-devon", "support@police-devon"), (latest.Action, latest.Basis, latest.Agency, latest.Actor));
    }

    [Fact]
    public async Task Break_glass_opens_the_record_and_the_audit_shows_the_reason_after_the_denial()
    {
        var person = await _worker.RegisterAsync(People.Named("Bertram", "Sidebottom", 1941));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));

        var read = await fixture.As(_outsider, breakGlassReason: "Immediate risk to life reported at 02:00").GetAsync(person.PersonId);

        Assert.Equal(person.PersonId, read.PersonId);
        var audit = await _auditor.AuditAsync(person.PersonId);
        var reads = audit.Where(e => e.Action == "person.read").ToList();
        Assert.Equal(["BreakGlass", "Denied"], reads.Select(e => e.Basis));
        Assert.Equal("Immediate risk to life reported at 02:00", reads[0].Reason);
        Assert.Equal("police-devon", reads[0].Agency);
        Assert.True(reads[0].At >= reads[1].At);
        Assert.Equal("Involvement", audit[^1].Basis);
        Assert.Equal("person.register", audit[^1].Action);
    }

    [Fact]
    public async Task Break_glass_with_too_short_a_reason_is_denied()
    {
        var person = await _worker.RegisterAsync(People.Named("Clementine", "Tattersall", 1942));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(_outsider, breakGlassReason: "because").People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Sharing_record_opens_access_to_the_named_agency_only()
    {
        var person = await _worker.RegisterAsync(People.Named("Dunstan", "Umfreville", 1943));

        var shared = await _worker.Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "police-devon", LawfulBasis = LawfulBasis.Safeguarding,
            Reason = "MARAC referral: risk of serious harm",
        });
        var read = await fixture.As(_outsider).GetAsync(person.PersonId);

        Assert.Equal(("police-devon", "outreach-bristol", LawfulBasis.Safeguarding), (shared.Agency, shared.GrantedByAgency, shared.LawfulBasis));
        Assert.Equal(person.PersonId, read.PersonId);
        Assert.Equal("Sharing", (await _auditor.AuditAsync(person.PersonId))[0].Basis);
        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.SupportWorker("probation-devon", Devon)).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        var published = await fixture.Events.WaitForAsync<RecordShared>(e => e.PersonId == person.PersonId);
        Assert.Equal("police-devon", published.Agency);
    }

    [Fact]
    public async Task Sharing_that_has_expired_no_longer_opens_access()
    {
        var person = await _worker.RegisterAsync(People.Named("Ermengarde", "Vavasour", 1944));
        await _worker.Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "police-devon", LawfulBasis = LawfulBasis.Consent, Reason = "consented for one hour",
            Until = Timestamp.FromDateTimeOffset(fixture.Host.Clock.GetUtcNow().AddSeconds(30)),
        });
        Assert.Equal(person.PersonId, (await fixture.As(_outsider).GetAsync(person.PersonId)).PersonId);

        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(1));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Record_opened_by_break_glass_cannot_be_shared_onwards()
    {
        var person = await _worker.RegisterAsync(People.Named("Fulbert", "Wainwright", 1945));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(_outsider, "urgent: risk to life tonight").Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = person.PersonId, Agency = "probation-devon", LawfulBasis = LawfulBasis.VitalInterests, Reason = "to pass it on",
        }));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.SupportWorker("probation-devon", Devon)).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Auditor_cannot_read_a_person()
    {
        var person = await _worker.RegisterAsync(People.Named("Gwendolyn", "Yeomans", 1946));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _auditor.People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _auditor.People.SearchPersonsAsync(new SearchPersonsRequest { Name = "Gwendolyn Yeomans" }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Identity.Auditor(), breakGlassReason: "reviewing this case for the SAB")
            .People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Support_worker_cannot_read_the_audit_trail()
    {
        var person = await _worker.RegisterAsync(People.Named("Humphrey", "Zouche", 1947));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => _worker.Access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = person.PersonId }));
    }

    [Fact]
    public async Task Reading_the_audit_trail_is_itself_audited()
    {
        var person = await _worker.RegisterAsync(People.Named("Iolanthe", "Abercrombie", 1948));

        await _auditor.AuditAsync(person.PersonId);
        var second = await _auditor.AuditAsync(person.PersonId);

        Assert.Equal(("audit.read", "auditor@sab-audit"), (second[0].Action, second[0].Actor));
    }

    [Fact]
    public async Task Audit_trail_pages_newest_first_without_repeats()
    {
        var person = await _worker.RegisterAsync(People.Named("Jolyon", "Blenkinsop", 1949));
        for (var i = 0; i < 4; i++)
        {
            await _worker.GetAsync(person.PersonId);
        }

        var first = await _auditor.Access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = person.PersonId, PageSize = 3 });
        var second = await _auditor.Access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = person.PersonId, PageSize = 3, PageToken = first.NextPageToken });

        Assert.Equal(3, first.Events.Count);
        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal(["person.read", "person.read", "person.read"], first.Events.Select(e => e.Action));
        Assert.Equal(["person.read", "person.register"], second.Events.Select(e => e.Action));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task Caller_from_the_current_area_can_read_without_being_involved()
    {
        var person = await _worker.RegisterAsync(People.Named("Kasimir", "Cavendish", 1950, People.NorthSomerset));

        var read = await fixture.As(Identity.HousingOfficer("housing-nsomerset", People.NorthSomerset)).GetAsync(person.PersonId);

        Assert.Equal(person.PersonId, read.PersonId);
        Assert.Equal("Area", (await _auditor.AuditAsync(person.PersonId))[0].Basis);
    }

    [Fact]
    public async Task Caller_from_a_former_area_can_still_read()
    {
        var person = await _worker.RegisterAsync(People.Named("Lucretia", "Delacourt", 1951, People.NorthSomerset));
        await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = person.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.Bristol) });

        var read = await fixture.As(Identity.HousingOfficer("housing-nsomerset", People.NorthSomerset)).GetAsync(person.PersonId);

        Assert.Equal(person.PersonId, read.PersonId);
    }

    [Fact]
    public async Task Confidential_address_gives_its_area_no_access()
    {
        var request = People.Named("Melisande", "Egremont", 1952);
        request.Address = new Address { Lines = { "Refuge" }, LocalAuthority = People.NorthSomerset, Confidential = true };
        var person = await _worker.RegisterAsync(request);

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.HousingOfficer("housing-nsomerset", People.NorthSomerset)).People.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        Assert.Empty(await fixture.As(Identity.HousingOfficer("housing-nsomerset", People.NorthSomerset)).SearchAsync("Melisande Egremont"));
    }

    [Fact]
    public async Task Caller_without_a_token_is_unauthenticated_on_every_service()
    {
        var anonymous = fixture.As(null);
        var id = Guid.NewGuid().ToString();

        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.People.GetPersonAsync(new GetPersonRequest { PersonId = id }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = id }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.Involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = id }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.Relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = id }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.Access.ListAuditEventsAsync(new ListAuditEventsRequest { PersonId = id }));
    }

    [Fact]
    public async Task Audit_page_token_the_service_did_not_issue_is_invalid()
    {
        await Rpc.RejectsField("page_token", () => _auditor.Access.ListAuditEventsAsync(new ListAuditEventsRequest
        {
            PersonId = Guid.NewGuid().ToString(), PageToken = "-5",
        }));
    }
}
