using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Security.Convergence;

/// <summary>
/// A random history of registry operations from a seed, made through the registry's gRPC API as a
/// caseworker would: registrations, involvements started and ended, shares that lapse, current,
/// past and confidential addresses, links and unlinks, and time passing. Operations the registry
/// refuses (a link it will not make again) are part of the history too: they change nothing.
/// </summary>
public sealed class RegistryHistory(TestHost host, int seed)
{
    public static readonly string[] Agencies = ["outreach-one", "probation-two", "idva-three", "housing-four"];

    public static readonly string[] Areas = ["E06000022", "E06000023", "E06000024", "E06000025"];

    /// <summary>
    /// The agency that acts: it registers everyone and its registering involvement is never ended, and
    /// it acts through a safeguarding lead, so it may bring other agencies in (a lead for the person).
    /// </summary>
    public static readonly Identity Operator = Identity.SafeguardingLead("registry-desk", "W06000015");

    private readonly Random _random = new(seed);
    private readonly RegistryClients _registry = new(host.Channel(Operator));
    private readonly List<string> _people = [];
    private readonly List<(string Id, bool Open)> _involvements = [];
    private readonly List<string> _links = [];

    /// <summary>Every record the history registered.</summary>
    public IReadOnlyList<string> People => _people;

    public async Task RunAsync(int operations)
    {
        await RegisterAsync();
        await RegisterAsync();
        for (var i = 0; i < operations; i++)
        {
            var roll = _random.Next(100);
            await (roll switch
            {
                < 12 => RegisterAsync(),
                < 27 => StartInvolvementAsync(),
                < 37 => EndInvolvementAsync(),
                < 49 => ShareAsync(),
                < 69 => RecordAddressAsync(),
                < 82 => LinkAsync(),
                < 92 => UnlinkAsync(),
                _ => PassTimeAsync(),
            });
        }
    }

    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private async Task RegisterAsync()
    {
        var request = new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = $"Seed{seed}", FamilyName = $"Person{_people.Count}" } },
            },
            Address = _random.Next(4) == 0 ? null : Address(current: true),
            ConfirmedNotDuplicate = true,
        };
        _people.Add((await _registry.People.RegisterPersonAsync(request)).Person.PersonId);
    }

    private async Task StartInvolvementAsync()
    {
        var started = await _registry.Involvements.StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = AnyPerson(), Agency = AnyAgency(), LawfulBasis = LawfulBasis.Safeguarding, Reason = "multi-agency plan",
        });
        _involvements.Add((started.InvolvementId, true));
    }

    private async Task EndInvolvementAsync()
    {
        var open = _involvements.Where(i => i.Open).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var chosen = open[_random.Next(open.Count)];
        _involvements[_involvements.IndexOf(chosen)] = (chosen.Id, false);
        await _registry.Involvements.EndInvolvementAsync(new EndInvolvementRequest { InvolvementId = chosen.Id, ExpectedVersion = 1, Reason = "closed" });
    }

    private Task ShareAsync() => _registry.Access.ShareRecordAsync(new ShareRecordRequest
    {
        PersonId = AnyPerson(), Agency = AnyAgency(), LawfulBasis = LawfulBasis.Safeguarding, Reason = "joint working",
        Until = _random.Next(2) == 0 ? null : Timestamp.FromDateTimeOffset(Now.AddHours(_random.Next(1, 48))),
    }).ResponseAsync;

    private async Task RecordAddressAsync()
    {
        var person = AnyPerson();
        var version = (await _registry.People.GetPersonAsync(new GetPersonRequest { PersonId = person })).Version;
        await _registry.Addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person, ExpectedVersion = version, Address = Address(current: _random.Next(3) > 0),
        });
    }

    private async Task LinkAsync()
    {
        var (one, other) = (AnyPerson(), AnyPerson());
        if (one == other)
        {
            return;
        }
        try
        {
            _links.Add((await _registry.People.LinkPersonsAsync(new LinkPersonsRequest { PersonId = one, OtherPersonId = other, Reason = "same person" })).LinkId);
        }
        catch (RpcException refused) when (refused.StatusCode is StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
        {
            // Already linked (to each other, or into another record), or once unlinked as different people.
        }
    }

    private async Task UnlinkAsync()
    {
        if (_links.Count == 0)
        {
            return;
        }
        var link = _links[_random.Next(_links.Count)];
        _links.Remove(link);
        await _registry.People.UnlinkPersonsAsync(new UnlinkPersonsRequest { LinkId = link, Reason = "different people" });
    }

    private Task PassTimeAsync()
    {
        host.Clock.Advance(TimeSpan.FromHours(_random.Next(1, 30)));
        return Task.CompletedTask;
    }

    private Address Address(bool current)
    {
        var confidential = _random.Next(4) == 0;
        var address = new Address { Lines = { "1 Any Street" }, LocalAuthority = Areas[_random.Next(Areas.Length)], Confidential = confidential };
        if (confidential && _random.Next(2) == 0)
        {
            address.VisibleToAgencies.Add(AnyAgency());
        }
        if (current)
        {
            address.From = Timestamp.FromDateTimeOffset(Now);
            return address;
        }
        var from = Now.AddDays(-_random.Next(200, 900));
        address.From = Timestamp.FromDateTimeOffset(from);
        address.Until = Timestamp.FromDateTimeOffset(from.AddDays(_random.Next(20, 150)));
        return address;
    }

    private string AnyPerson() => _people[_random.Next(_people.Count)];

    private string AnyAgency() => Agencies[_random.Next(Agencies.Length)];

    private sealed class RegistryClients(Grpc.Net.Client.GrpcChannel channel)
    {
        public PeopleService.PeopleServiceClient People { get; } = new(channel);
        public AddressService.AddressServiceClient Addresses { get; } = new(channel);
        public InvolvementService.InvolvementServiceClient Involvements { get; } = new(channel);
        public AccessService.AccessServiceClient Access { get; } = new(channel);
    }
}
