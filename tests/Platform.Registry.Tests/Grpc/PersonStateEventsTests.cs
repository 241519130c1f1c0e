using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// What the registry publishes about a person: every change to what decides access or to her
/// addresses publishes the state of each record it touched with a higher sequence, and a
/// confidential address is never named by its area in any event.
/// </summary>
public sealed class PersonStateEventsTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private const string Refuge = People.SouthGloucestershire;
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    private DateTimeOffset Now => fixture.Host.Clock.GetUtcNow();

    [Fact]
    public async Task A_first_address_after_registration_publishes_her_area_and_timeline()
    {
        var request = People.Named("Octavia", "Pendlebury", 1966);
        request.Address = null;
        var person = await _worker.RegisterAsync(request);
        var registered = await TimelineAsync(person.PersonId, 1);
        var from = Now.AddYears(-2);

        await RecordAsync(person.PersonId, 1, At(People.AddressIn(People.Somerset), from));

        var timeline = await TimelineAsync(person.PersonId, 2);
        var access = await AccessAsync(person.PersonId, 2);
        Assert.Empty(registered.Addresses);
        Assert.Equal([(People.Somerset, from, (DateTimeOffset?)null)], timeline.Addresses.Select(a => (a.LocalAuthority, a.From, a.Until)));
        Assert.Equal([People.Somerset], access.Areas);
    }

    [Fact]
    public async Task A_past_address_publishes_the_timeline_with_its_end()
    {
        var person = await _worker.RegisterAsync(People.Named("Perpetua", "Quigley", 1967));
        var (from, until) = (Now.AddYears(-4), Now.AddYears(-1));

        await RecordAsync(person.PersonId, 1, At(People.AddressIn(People.NorthSomerset), from, until));

        var timeline = await TimelineAsync(person.PersonId, 2);
        Assert.Contains((People.NorthSomerset, from, (DateTimeOffset?)until), timeline.Addresses.Select(a => (a.LocalAuthority, a.From, a.Until)));
        Assert.Equal([People.Bristol, People.NorthSomerset], (await AccessAsync(person.PersonId, 2)).Areas);
    }

    [Fact]
    public async Task Involvements_shares_and_links_each_publish_the_state_of_every_record_they_touch()
    {
        var survivor = await _worker.RegisterAsync(People.Named("Quintilla", "Rathbone", 1968));
        var other = await _worker.RegisterAsync(People.Named("Quinta", "Rathbone", 1968));
        await _worker.LeadAsync(survivor.PersonId);
        var probation = await _worker.BringInAsync(survivor.PersonId, "probation-avon");
        await _worker.Involvements.EndInvolvementAsync(new EndInvolvementRequest { InvolvementId = probation.InvolvementId, ExpectedVersion = 1, Reason = "order completed" });
        await _worker.Access.ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = survivor.PersonId, Agency = "idva-service", LawfulBasis = LawfulBasis.Safeguarding, Reason = "MARAC referral",
            Until = Timestamp.FromDateTimeOffset(Now.AddDays(30)),
        });

        await _worker.People.LinkPersonsAsync(new LinkPersonsRequest { PersonId = survivor.PersonId, OtherPersonId = other.PersonId, Reason = "same person" });

        var kept = await AccessAsync(survivor.PersonId, 5);
        var linked = await AccessAsync(other.PersonId, 2);
        Assert.Null(kept.LinkedTo);
        Assert.Equal(survivor.PersonId, linked.LinkedTo);
        Assert.Equal(probation.InvolvementId, Assert.Single(kept.Involvements, i => i.Until is not null).InvolvementId);
        Assert.Equal(("idva-service", Now.AddDays(30)), (Assert.Single(kept.Shares).Agency, kept.Shares[0].Until!.Value));
        Assert.Equal([1L, 2, 3, 4, 5], fixture.Events.Of<PersonAccessChanged>().Where(e => e.PersonId == survivor.PersonId).Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task Moves_to_from_and_between_confidential_addresses_never_name_their_area()
    {
        var person = await _worker.RegisterAsync(People.Named("Rosamund", "Stirling", 1969));
        fixture.Host.Clock.Advance(TimeSpan.FromDays(1));
        var refuge = At(People.AddressIn(Refuge, "The refuge"), Now);
        refuge.Confidential = true;
        refuge.VisibleToAgencies.Add("refuge-haven");
        await RecordAsync(person.PersonId, 1, refuge);
        fixture.Host.Clock.Advance(TimeSpan.FromDays(1));
        var second = At(People.AddressIn(Refuge, "Second refuge"), Now);
        second.Confidential = true;
        second.VisibleToAgencies.Add("refuge-haven");
        await RecordAsync(person.PersonId, 2, second);
        fixture.Host.Clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(person.PersonId, 3, At(People.AddressIn(People.Somerset), Now));

        var moves = await Eventually.ReadAsync(() => Task.FromResult(fixture.Events.Of<PersonMoved>().Where(e => e.PersonId == person.PersonId).ToList()),
            found => found.Count == 3);
        await TimelineAsync(person.PersonId, 4);
        await AccessAsync(person.PersonId, 4);

        Assert.Equal(
            [(People.Bristol, null, true), (null, null, true), (null, People.Somerset, false)],
            moves.OrderBy(m => m.MovedAt).Select(m => (m.FromLocalAuthority, m.ToLocalAuthority, m.AddressConfidential)));
        Assert.All(moves.Where(m => m.AddressConfidential), m => Assert.Equal(["refuge-haven"], m.VisibleToAgencies));
        Assert.DoesNotContain(Refuge, string.Join('\n', AllAbout(person.PersonId)));
    }

    [Fact]
    public async Task Registration_at_a_confidential_address_publishes_no_area()
    {
        var request = People.Named("Sabina", "Thorne", 1970, Refuge);
        request.Address.Confidential = true;

        var person = await _worker.RegisterAsync(request);

        var registered = await fixture.Events.WaitForAsync<PersonRegistered>(e => e.PersonId == person.PersonId);
        await TimelineAsync(person.PersonId, 1);
        await AccessAsync(person.PersonId, 1);
        Assert.Equal((null, null, true), (registered.LocalAuthority, registered.LivingThereSince, registered.AddressConfidential));
        Assert.DoesNotContain(Refuge, string.Join('\n', AllAbout(person.PersonId)));
    }

    private static Address At(Address address, DateTimeOffset from, DateTimeOffset? until = null)
    {
        address.From = Timestamp.FromDateTimeOffset(from);
        address.Until = until is { } end ? Timestamp.FromDateTimeOffset(end) : null;
        return address;
    }

    private Task<Person> RecordAsync(string personId, long version, Address address) =>
        _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = personId, ExpectedVersion = version, Address = address }).ResponseAsync;

    private Task<PersonAddressesChanged> TimelineAsync(string personId, long sequence) =>
        fixture.Events.WaitForAsync<PersonAddressesChanged>(e => e.PersonId == personId && e.Sequence == sequence);

    private Task<PersonAccessChanged> AccessAsync(string personId, long sequence) =>
        fixture.Events.WaitForAsync<PersonAccessChanged>(e => e.PersonId == personId && e.Sequence == sequence);

    /// <summary>Every recorded event that concerns the person, as the JSON a consumer receives.</summary>
    private IEnumerable<string> AllAbout(string personId) =>
        fixture.Events.Of<object>().Select(e => JsonSerializer.Serialize(e, e.GetType())).Where(json => json.Contains(personId, StringComparison.Ordinal));
}
