using Grpc.Core;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>
/// Break-glass is one look at one person: it records the caller's own work, never writes in another
/// agency's or area's name, and is refused on calls about many people.
/// </summary>
public sealed class BreakGlassTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private const string Emergency = "Found unconscious: police need her recent contacts";

    private static readonly Identity Partner = new(PlatformRoles.PartnerSystem, "police-devon", EngagementFixture.Devon, "system@police-devon");
    private static readonly Identity Admin = new(PlatformRoles.Admin, "platform-support", EngagementFixture.Devon, "admin@platform-support");

    [Fact]
    public async Task Break_glass_records_a_contact_in_the_callers_own_name_only()
    {
        var person = await fixture.PersonAsync();
        var glass = fixture.As(Partner, Emergency);
        var forAnother = Contacts.Attempted(person, fixture.Now.AddHours(-2));
        forAnother.Agency = "victim-support-avon";

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => glass.Contacts.RecordContactAsync(new RecordContactRequest { Details = forAnother }));
        var own = await glass.RecordAsync(Contacts.Attempted(person, fixture.Now.AddHours(-1)));

        Assert.Equal("police-devon", own.Details.Agency);
        Assert.Equal(1, await fixture.ContactCountAsync(person));
        Assert.Equal(["engagement.contact.record Denied", "engagement.contact.record BreakGlass"],
            (await fixture.AuditAsync(person)).Where(a => a.StartsWith("engagement.contact.record", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Admin_on_break_glass_cannot_amend_another_agencys_contact()
    {
        var person = await fixture.PersonAsync();
        var contact = await fixture.As(Identity.SupportWorker()).RecordAsync(Contacts.Made(person, fixture.Now.AddHours(-3)));

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Admin, Emergency).Contacts.AmendContactAsync(new AmendContactRequest
        {
            ContactId = contact.ContactId, Reason = "wrong day", Details = Contacts.Made(person, fixture.Now.AddHours(-4)),
        }));

        Assert.Equal(1, await fixture.ContactCountAsync(person));
        Assert.Contains("engagement.contact.amend Denied", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Admin_on_break_glass_cannot_acknowledge_a_handover_for_the_receiving_area()
    {
        var person = await fixture.PersonAsync();
        await fixture.Host.Bus.Publish(new PersonMoved
        {
            PersonId = person, FromLocalAuthority = EngagementFixture.Bristol, ToLocalAuthority = EngagementFixture.SouthGloucestershire,
            MovedAt = fixture.Now.AddHours(-1), OccurredAt = fixture.Now,
        });
        var requested = await fixture.Events.WaitForAsync<CrossBoundaryHandoverRequested>(e => e.PersonId == person);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(Admin, Emergency).Outreach.AcknowledgeHandoverAsync(
            new AcknowledgeHandoverRequest { HandoverId = requested.HandoverId, ExpectedVersion = 1 }));

        var receiving = fixture.As(Identity.SupportWorker("outreach-sglos", EngagementFixture.SouthGloucestershire));
        Assert.Null((await receiving.Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = requested.HandoverId })).AcknowledgedAt);
        Assert.Contains("engagement.handover.acknowledge Denied", await fixture.AuditAsync(person));
    }

    [Fact]
    public async Task Worklist_handovers_and_import_refuse_a_break_glass_reason()
    {
        var person = await fixture.PersonAsync();
        var glass = fixture.As(Partner, Emergency);

        await Rpc.RejectsField("x-break-glass-reason", () => glass.Outreach.ListOutreachWorklistAsync(new ListOutreachWorklistRequest()));
        await Rpc.RejectsField("x-break-glass-reason", () => glass.Outreach.ListHandoversAsync(new ListHandoversRequest()));
        var import = await Assert.ThrowsAsync<RpcException>(() => glass.ImportAsync(
        [
            new ImportContactsRequest { SourceSystem = "niche", SourceId = "1", Details = Contacts.Attempted(person, fixture.Now.AddHours(-1)) },
        ]));

        Assert.Equal(StatusCode.InvalidArgument, import.StatusCode);
        Assert.Equal(["x-break-glass-reason"], Rpc.ViolatedFields(import));
        Assert.Equal(0, await fixture.ContactCountAsync(person));
    }
}
