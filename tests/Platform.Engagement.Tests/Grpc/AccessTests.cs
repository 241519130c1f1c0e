using Grpc.Core;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>A caller reaches a person's engagement only through a legitimate relationship or audited break-glass.</summary>
public sealed class AccessTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private const string BreakGlass = "MARAC tomorrow: police need the recent contacts";

    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Contact_without_a_legitimate_relationship_is_refused_audited_and_not_stored()
    {
        var person = await fixture.PersonAsync();
        var entries = await fixture.ChronologyCountAsync(person);

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(EngagementFixture.Stranger).Contacts.RecordContactAsync(new RecordContactRequest { Details = Contacts.Made(person, fixture.Now.AddHours(-1)) }));

        Assert.Equal(0, await fixture.ContactCountAsync(person));
        Assert.Equal(entries, await fixture.ChronologyCountAsync(person));
        Assert.Contains("engagement.contact.record Denied", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Chronology_and_summary_are_refused_without_a_relationship()
    {
        var person = await fixture.PersonAsync();
        var stranger = fixture.As(EngagementFixture.Stranger);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => stranger.Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person }));
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => stranger.Chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = person }));

        var audit = await fixture.AuditAsync(person);
        Assert.Contains("engagement.chronology.read Denied", audit);
        Assert.Contains("engagement.summary.read Denied", audit);
    }

    [Fact]
    public async Task Break_glass_with_a_reason_opens_the_chronology_and_is_audited_as_such()
    {
        var person = await fixture.PersonAsync();
        await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddHours(-1)));

        var entries = await fixture.As(EngagementFixture.Stranger, BreakGlass).ChronologyAsync(person);

        Assert.Contains(entries, e => e.Kind == EntryKind.Contact);
        Assert.Contains("engagement.chronology.read BreakGlass", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Contact_is_not_read_without_a_relationship()
    {
        var person = await fixture.PersonAsync();
        var contact = await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddHours(-1)));

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(EngagementFixture.Stranger).Contacts.GetContactAsync(new GetContactRequest { ContactId = contact.ContactId }));

        Assert.Contains("engagement.contact.read Denied", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Break_glass_reason_too_short_to_mean_anything_is_refused()
    {
        var person = await fixture.PersonAsync();

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(EngagementFixture.Stranger, "because").Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person }));
    }

    [Fact]
    public async Task Another_agency_in_the_persons_area_sees_her_chronology()
    {
        var person = await fixture.PersonAsync();

        await fixture.As(Identity.HousingOfficer()).ChronologyAsync(person);

        Assert.Contains($"engagement.chronology.read {AccessBasis.Area}", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Auditor_reads_no_engagement_records()
    {
        var person = await fixture.PersonAsync();

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(Identity.Auditor()).Chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = person }));
    }

    [Fact]
    public async Task Caller_without_a_token_is_unauthenticated()
    {
        var person = await fixture.PersonAsync();

        await Rpc.FailsWith(StatusCode.Unauthenticated,
            () => fixture.As(null).Contacts.RecordContactAsync(new RecordContactRequest { Details = Contacts.Made(person, fixture.Now.AddHours(-1)) }));

        Assert.Equal(0, await fixture.ContactCountAsync(person));
    }

    [Fact]
    public async Task Partner_system_records_for_another_agency()
    {
        var person = await fixture.PersonAsync(EngagementFixture.Bristol, "police-avon");
        var partner = fixture.As(new Identity(PlatformRoles.PartnerSystem, "police-avon", EngagementFixture.Bristol, "system@police-avon"));
        var details = Contacts.Attempted(person, fixture.Now.AddHours(-1));
        details.Agency = "victim-support-avon";

        var contact = await partner.RecordAsync(details);

        Assert.Equal("victim-support-avon", contact.Details.Agency);
    }
}
