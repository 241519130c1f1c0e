using Grpc.Core;
using MassTransit;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>A move across a boundary hands the person over; only the receiving area takes her on.</summary>
public sealed class HandoverTests(EngagementFixture fixture) : IClassFixture<EngagementFixture>
{
    private static readonly Identity Receiving = Identity.SupportWorker("outreach-sglos", EngagementFixture.SouthGloucestershire);

    private readonly EngagementClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task Move_to_another_area_opens_a_handover_the_receiving_area_sees()
    {
        var person = await fixture.PersonAsync();
        var contact = await _worker.RecordAsync(Contacts.Made(person, fixture.Now.AddDays(-2)));

        var handover = await MovedAsync(person);

        Assert.Equal((EngagementFixture.Bristol, EngagementFixture.SouthGloucestershire), (handover.FromLocalAuthority, handover.ToLocalAuthority));
        Assert.Equal([EngagementFixture.Outreach], handover.SendingAgencies);
        Assert.Equal(1, handover.Version);
        // The latest contacts follow once the access projection has heard of the move too (its own queue).
        var seen = await Eventually.ReadAsync(
            async () => await fixture.As(Receiving).Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId }),
            read => read.LatestContacts.Count > 0);
        Assert.Equal(contact.ContactId, Assert.Single(seen.LatestContacts).ContactId);
        var mine = await _worker.Outreach.ListHandoversAsync(new ListHandoversRequest());
        Assert.DoesNotContain(mine.Handovers, h => h.PersonId == person); // Bristol's own list is of handovers to Bristol
        Assert.Contains(await _worker.ChronologyAsync(person), e => e.Kind == EntryKind.Handover);
    }

    [Fact]
    public async Task Receiving_area_acknowledges_once_and_the_handover_leaves_its_list()
    {
        var person = await fixture.PersonAsync();
        var handover = await MovedAsync(person);
        var receiving = fixture.As(Receiving);

        var acknowledged = await receiving.Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest
        {
            HandoverId = handover.HandoverId, ExpectedVersion = 1, Note = "Allocated to our outreach team",
        });

        Assert.Equal((2L, "outreach-sglos"), (acknowledged.Version, acknowledged.AcknowledgedByAgency));
        await fixture.Events.WaitForAsync<HandoverAcknowledged>(e => e.HandoverId == handover.HandoverId);
        Assert.DoesNotContain((await receiving.Outreach.ListHandoversAsync(new ListHandoversRequest())).Handovers, h => h.HandoverId == handover.HandoverId);
        Assert.Contains((await receiving.Outreach.ListHandoversAsync(new ListHandoversRequest { IncludeAcknowledged = true })).Handovers,
            h => h.HandoverId == handover.HandoverId);
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => receiving.Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest
        {
            HandoverId = handover.HandoverId, ExpectedVersion = 2,
        }));
    }

    [Fact]
    public async Task Acknowledging_a_stale_version_is_aborted_and_without_one_is_invalid()
    {
        var person = await fixture.PersonAsync();
        var handover = await MovedAsync(person);

        await Rpc.FailsWith(StatusCode.Aborted, () => fixture.As(Receiving).Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest
        {
            HandoverId = handover.HandoverId, ExpectedVersion = 7,
        }));
        await Rpc.RejectsField("expected_version", () => fixture.As(Receiving).Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest
        {
            HandoverId = handover.HandoverId,
        }));

        Assert.Null((await fixture.As(Receiving).Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId })).AcknowledgedAt);
    }

    [Fact]
    public async Task Sending_area_cannot_acknowledge_its_own_handover()
    {
        var person = await fixture.PersonAsync();
        var handover = await MovedAsync(person);

        await Rpc.FailsWith(StatusCode.PermissionDenied, () => _worker.Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest
        {
            HandoverId = handover.HandoverId, ExpectedVersion = 1,
        }));

        Assert.Equal(1, (await _worker.Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId })).Version);
    }

    [Fact]
    public async Task Third_area_without_a_relationship_cannot_read_the_handover()
    {
        var person = await fixture.PersonAsync();
        var handover = await MovedAsync(person);

        await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => fixture.As(EngagementFixture.Stranger).Outreach.GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId }));
    }

    [Fact]
    public async Task Break_glass_on_a_handover_is_audited_and_a_reason_too_long_is_refused()
    {
        var person = await fixture.PersonAsync();
        var handover = await MovedAsync(person);

        var opened = await fixture.As(EngagementFixture.Stranger, "MARAC referral received this morning").Outreach
            .GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId });
        await Rpc.RejectsField("x-break-glass-reason", () => fixture.As(EngagementFixture.Stranger, new string('x', 501)).Outreach
            .GetHandoverAsync(new GetHandoverRequest { HandoverId = handover.HandoverId }));

        Assert.Equal(person, opened.PersonId);
    }

    [Fact]
    public async Task Same_move_delivered_twice_opens_one_handover()
    {
        var person = await fixture.PersonAsync();
        var move = Move(person);
        var messageId = Guid.NewGuid();

        await fixture.Host.Bus.Publish(move, (PublishContext<PersonMoved> context) => context.MessageId = messageId);
        await fixture.Host.Bus.Publish(move, (PublishContext<PersonMoved> context) => context.MessageId = messageId);
        await Eventually.TrueAsync(async () => await MoveEntriesAsync(person) > 0);
        // A later move of someone else, once handed over and in the chronology, shows the repeat has been dealt with.
        var marker = await fixture.PersonAsync();
        await MovedAsync(marker);
        await Eventually.TrueAsync(async () => await MoveEntriesAsync(marker) > 0);

        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT COUNT(*) FROM handovers WHERE person_id = @PersonId", person));
        Assert.Single(fixture.Events.Of<CrossBoundaryHandoverRequested>(), e => e.PersonId == person);
        // The move's chronology entry has no key of its own to deduplicate on: only the inbox keeps it single.
        Assert.Equal(1, await MoveEntriesAsync(person));
    }

    private Task<int> MoveEntriesAsync(string person) =>
        fixture.ScalarAsync<int>("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId AND kind = 'move'", person);

    [Fact]
    public async Task Move_to_a_confidential_address_is_handed_over_to_the_agencies_it_names_and_to_no_area()
    {
        var person = await fixture.PersonAsync();
        await fixture.Host.Bus.Publish(new PersonMoved
        {
            PersonId = person, FromLocalAuthority = EngagementFixture.Bristol, MovedAt = fixture.Now.AddHours(-1), OccurredAt = fixture.Now,
            AddressConfidential = true, VisibleToAgencies = ["refuge-haven"],
        });
        var requested = await fixture.Events.WaitForAsync<CrossBoundaryHandoverRequested>(e => e.PersonId == person);
        var refuge = fixture.As(Identity.SupportWorker("refuge-haven", EngagementFixture.SouthGloucestershire));
        var get = new GetHandoverRequest { HandoverId = requested.HandoverId };

        var listed = (await refuge.Outreach.ListHandoversAsync(new ListHandoversRequest())).Handovers.Single(h => h.HandoverId == requested.HandoverId);
        var acknowledged = await refuge.Outreach.AcknowledgeHandoverAsync(new AcknowledgeHandoverRequest { HandoverId = requested.HandoverId, ExpectedVersion = 1 });

        Assert.Equal(("", true, EngagementFixture.Bristol), (listed.ToLocalAuthority, listed.AddressConfidential, listed.FromLocalAuthority));
        Assert.Equal(["refuge-haven"], listed.ReceivingAgencies);
        Assert.Equal([EngagementFixture.Outreach], listed.SendingAgencies);
        Assert.Equal("refuge-haven", acknowledged.AcknowledgedByAgency);
        Assert.Null(requested.ToLocalAuthority);
        Assert.Equal(["refuge-haven"], requested.ReceivingAgencies);
        // Nobody else lists, reads or acknowledges it: not the area's other agencies, not her former area, not an admin.
        Assert.DoesNotContain((await fixture.As(Receiving).Outreach.ListHandoversAsync(new ListHandoversRequest { IncludeAcknowledged = true })).Handovers,
            h => h.PersonId == person);
        foreach (var other in new[] { Receiving, Identity.SupportWorker(), new Identity(PlatformRoles.Admin, "platform-admin", EngagementFixture.SouthGloucestershire) })
        {
            await Rpc.FailsWith(StatusCode.PermissionDenied, () => fixture.As(other).Outreach.GetHandoverAsync(get));
        }
        var entries = await Eventually.ReadAsync(() => _worker.ChronologyAsync(person), read => read.Count(e => e.Kind is EntryKind.Move or EntryKind.Handover) == 3);
        Assert.Contains(entries, e => e.Summary == "Moved to a confidential address");
        Assert.Contains(entries, e => e.Summary == "Handover requested from Bristol to the agencies named on her confidential address");
        Assert.DoesNotContain(entries, e => e.Summary.Contains("refuge-haven", StringComparison.Ordinal) || e.Agency == "refuge-haven");
    }

    private PersonMoved Move(string person) => new()
    {
        PersonId = person, FromLocalAuthority = EngagementFixture.Bristol, ToLocalAuthority = EngagementFixture.SouthGloucestershire,
        MovedAt = fixture.Now.AddHours(-1), OccurredAt = fixture.Now,
    };

    /// <summary>Moves the person from Bristol to South Gloucestershire and returns the handover as the receiving area lists it.</summary>
    private async Task<Handover> MovedAsync(string person)
    {
        await fixture.Host.Bus.Publish(Move(person));
        // The registry publishes her new area in her access state beside the move.
        await fixture.ChangeStateAsync(person, state => state with { Areas = [.. state.Areas, EngagementFixture.SouthGloucestershire] });
        var requested = await fixture.Events.WaitForAsync<CrossBoundaryHandoverRequested>(e => e.PersonId == person);
        var list = await fixture.As(Receiving).Outreach.ListHandoversAsync(new ListHandoversRequest());
        return list.Handovers.Single(h => h.HandoverId == requested.HandoverId);
    }
}
