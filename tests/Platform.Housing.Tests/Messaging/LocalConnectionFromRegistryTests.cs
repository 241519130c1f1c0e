using Google.Protobuf.WellKnownTypes;
using Platform.Housing.Tests.Grpc;
using Platform.Housing.V1;
using Platform.Registry;
using Platform.Testing;
using RegistryV1 = Platform.Registry.V1;

namespace Platform.Housing.Tests.Messaging;

/// <summary>
/// Housing's local connection agrees with the registry's address history, whatever was recorded:
/// a first address added after registration, a past address with its end, and never the area of a
/// confidential address. The registry and housing run in one host, talking only through the bus.
/// </summary>
public sealed class LocalConnectionFromRegistryTests : IAsyncLifetime
{
    private const string NorthSomerset = "E06000024";
    private const string Refuge = "E06000025";
    private static readonly Identity Officer = Identity.HousingOfficer();
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(b => { b.AddRegistry(); b.AddHousing(); }, a => { a.MapRegistry(); a.MapHousing(); });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateTimeOffset Now => _host.Clock.GetUtcNow();

    [Fact]
    public async Task A_first_address_recorded_after_registration_gives_her_a_local_connection()
    {
        var person = await RegisterAsync("Theodora", "Underhill", address: null);

        await RecordAsync(person, 1, Address(World.Bristol, Now.AddYears(-2)));

        Assert.Equal([World.Bristol], await SettledConnectionsAsync(person, [World.Bristol]));
    }

    [Fact]
    public async Task A_past_address_with_its_end_counts_toward_local_connection()
    {
        var person = await RegisterAsync("Ursula", "Vickery", Address(World.Bristol, Now.AddMonths(-8)));

        await RecordAsync(person, 1, Address(World.Somerset, Now.AddYears(-5), Now.AddYears(-1)));

        Assert.Equal([World.Bristol, World.Somerset], await SettledConnectionsAsync(person, [World.Bristol, World.Somerset]));
    }

    [Fact]
    public async Task Time_at_a_confidential_address_counts_toward_no_area()
    {
        var person = await RegisterAsync("Venetia", "Wollaston", Address(NorthSomerset, Now.AddYears(-5)));
        var refuge = Address(Refuge, Now.AddMonths(-8));
        refuge.Confidential = true;
        refuge.VisibleToAgencies.Add("refuge-haven");

        await RecordAsync(person, 1, refuge);

        Assert.Equal([NorthSomerset], await SettledConnectionsAsync(person, [NorthSomerset]));
    }

    private async Task<string> RegisterAsync(string given, string family, RegistryV1.Address? address)
    {
        var person = (await new RegistryV1.PeopleService.PeopleServiceClient(_host.Channel(Officer)).RegisterPersonAsync(new RegistryV1.RegisterPersonRequest
        {
            Details = new RegistryV1.PersonDetails { Names = { new RegistryV1.PersonName { Type = RegistryV1.NameType.Usual, GivenNames = given, FamilyName = family } } },
            Address = address,
            ConfirmedNotDuplicate = true,
        })).Person;
        var housing = new HousingClient(_host.Channel(Officer));
        // Housing hears of her through the bus a moment after the registry stores her.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await World.NeedsAsync(housing, person.PersonId);
                return true;
            }
            catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.NotFound)
            {
                return false;
            }
        });
        return person.PersonId;
    }

    private Task RecordAsync(string personId, long version, RegistryV1.Address address) =>
        new RegistryV1.AddressService.AddressServiceClient(_host.Channel(Officer)).RecordAddressAsync(
            new RegistryV1.RecordAddressRequest { PersonId = personId, ExpectedVersion = version, Address = address }).ResponseAsync;

    private static RegistryV1.Address Address(string area, DateTimeOffset from, DateTimeOffset? until = null) => new()
    {
        Lines = { "5 Canal Walk" }, LocalAuthority = area, From = Timestamp.FromDateTimeOffset(from),
        Until = until is { } end ? Timestamp.FromDateTimeOffset(end) : null,
    };

    /// <summary>Her local connections once they reach <paramref name="expected"/>, read again for a while to see that they stay there.</summary>
    private async Task<IReadOnlyList<string>> SettledConnectionsAsync(string personId, string[] expected)
    {
        var needs = new HousingClient(_host.Channel(Officer)).Needs;
        async Task<IReadOnlyList<string>> ReadAsync() =>
            (await needs.GetNeedsProfileAsync(new GetNeedsProfileRequest { PersonId = personId })).LocalConnections.Order(StringComparer.Ordinal).ToList();
        var read = await Eventually.ReadAsync(ReadAsync, found => found.SequenceEqual(expected));
        for (var i = 0; i < 10 && read.SequenceEqual(expected); i++)
        {
            await Task.Delay(150);
            read = await ReadAsync();
        }
        return read;
    }
}
