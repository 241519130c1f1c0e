using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class AddressHistoryTests(RegistryWithEventsFixture fixture) : IClassFixture<RegistryWithEventsFixture>
{
    private readonly RegistryClient _worker = fixture.As(Identity.SupportWorker());

    [Fact]
    public async Task New_current_address_closes_the_previous_one_and_increments_the_version()
    {
        var now = fixture.Host.Clock.GetUtcNow();
        var request = People.Named("Agatha", "Bellingham", 1970);
        request.Address.From = Timestamp.FromDateTimeOffset(now.AddDays(-30));
        var person = await _worker.RegisterAsync(request);
        var moveDate = now.AddDays(-1);
        var address = People.AddressIn(People.Bristol, "10 New Street");
        address.From = Timestamp.FromDateTimeOffset(moveDate);

        var moved = await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = person.PersonId, ExpectedVersion = 1, Address = address });

        Assert.Equal(2, moved.Version);
        Assert.Equal(2, moved.Addresses.Count);
        var current = moved.Addresses.Single(a => a.Until is null);
        var previous = moved.Addresses.Single(a => a.Until is not null);
        Assert.Equal(["10 New Street"], current.Lines);
        Assert.Equal(["2 Station Road"], previous.Lines);
        Assert.Equal(moveDate, previous.Until.ToDateTimeOffset());
        Assert.Equal(moved, await _worker.GetAsync(person.PersonId));
    }

    [Fact]
    public async Task Move_to_another_local_authority_publishes_person_moved_from_and_to()
    {
        var person = await _worker.RegisterAsync(People.Named("Barnaby", "Cholmondeley", 1971));

        await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.Somerset),
        });

        var moved = await fixture.Events.WaitForAsync<PersonMoved>(e => e.PersonId == person.PersonId);
        Assert.Equal(People.Bristol, moved.FromLocalAuthority);
        Assert.Equal(People.Somerset, moved.ToLocalAuthority);
    }

    [Fact]
    public async Task Move_within_the_same_local_authority_publishes_no_person_moved()
    {
        var stayer = await _worker.RegisterAsync(People.Named("Cordelia", "Drinkwater", 1972));
        var marker = await _worker.RegisterAsync(People.Named("Digby", "Entwhistle", 1973));

        var stayed = await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = stayer.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.Bristol, "11 Other Street"),
        });
        // Events leave in commit order: once the later move has arrived, an earlier one would have too.
        await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = marker.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.NorthSomerset),
        });
        await fixture.Events.WaitForAsync<PersonMoved>(e => e.PersonId == marker.PersonId);

        Assert.Equal(2, stayed.Version);
        Assert.Single(stayed.Addresses, a => a.Until is null);
        Assert.DoesNotContain(fixture.Events.Of<PersonMoved>(), e => e.PersonId == stayer.PersonId);
    }

    [Fact]
    public async Task Address_recorded_with_a_stale_version_is_aborted_and_not_stored()
    {
        var person = await _worker.RegisterAsync(People.Named("Euphemia", "Fairclough", 1974));
        await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.Bristol, "12 First Move"),
        });

        await Rpc.FailsWith(StatusCode.Aborted, () => _worker.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = 1, Address = People.AddressIn(People.Somerset, "13 Lost Update"),
        }));

        var read = await _worker.GetAsync(person.PersonId);
        Assert.Equal(2, read.Version);
        Assert.DoesNotContain(read.Addresses, a => a.Lines.Contains("13 Lost Update"));
        Assert.Equal(People.Bristol, read.Addresses.Single(a => a.Until is null).LocalAuthority);
    }

    [Fact]
    public async Task Past_address_is_history_and_leaves_the_current_one_open()
    {
        var person = await _worker.RegisterAsync(People.Named("Fitzgerald", "Gainsborough", 1975));
        var now = fixture.Host.Clock.GetUtcNow();
        var past = People.AddressIn(People.SouthGloucestershire, "14 Years Ago");
        past.From = Timestamp.FromDateTimeOffset(now.AddYears(-3));
        past.Until = Timestamp.FromDateTimeOffset(now.AddYears(-1));

        var read = await _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = person.PersonId, ExpectedVersion = 1, Address = past });

        Assert.Equal(2, read.Version);
        Assert.Equal(["2 Station Road"], read.Addresses.Single(a => a.Until is null).Lines);
        Assert.Equal(["14 Years Ago"], read.Addresses.Single(a => a.Until is not null).Lines);
    }

    [Fact]
    public async Task Open_address_starting_before_the_current_one_is_invalid()
    {
        var person = await _worker.RegisterAsync(People.Named("Griselda", "Hepplewhite", 1976));
        var older = People.AddressIn(People.Bristol, "15 Before");
        older.From = Timestamp.FromDateTimeOffset(fixture.Host.Clock.GetUtcNow().AddYears(-2));

        await Rpc.RejectsField("address.from",
            () => _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = person.PersonId, ExpectedVersion = 1, Address = older }));

        Assert.Equal(1, (await _worker.GetAsync(person.PersonId)).Version);
    }

    [Fact]
    public async Task Recording_an_address_without_the_version_read_is_invalid()
    {
        var person = await _worker.RegisterAsync(People.Named("Hector", "Illingworth", 1977));

        await Rpc.RejectsField("expected_version",
            () => _worker.Addresses.RecordAddressAsync(new RecordAddressRequest { PersonId = person.PersonId, Address = People.AddressIn(People.Bristol) }));
    }
}
