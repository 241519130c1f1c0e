using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Platform.Engagement.V1;
using Platform.Housing.V1;
using Platform.Registry.V1;
using Platform.Safeguarding.V1;
using HousingAttributes = Platform.Housing.V1.PlacementAttributes;

namespace Platform.Faults.Tests;

/// <summary>
/// Writes through one gRPC address (the gateway, or the standalone host) from many callers at once:
/// registrations, moves between two areas, contacts, safeguarding concerns, vacancies and offers. Every write can be
/// retried without being applied twice, and is counted once, when it is acknowledged:
/// <list type="bullet">
/// <item>a registration carries an agency identifier of its own, which the registry keeps unique
/// (a retry of a stored one answers ALREADY_EXISTS);</item>
/// <item>a move carries an address line of its own; before each try the person is read back, and a
/// move already stored is not sent again (the version it names also refuses a second);</item>
/// <item>a contact goes through ImportContacts, keyed by source system and source id;</item>
/// <item>a concern carries a description of its own; after a failure the safeguarding database is
/// asked whether an earlier try stored it;</item>
/// <item>a vacancy (one per unit) and an offer (one per vacancy) are looked up in the housing
/// database after a failure, where the unit's open vacancy or the vacancy's hold refuses a second.</item>
/// </list>
/// A failure that leaves the outcome unknown (UNAVAILABLE while a process or the broker is down,
/// a deadline, a reset stream) is retried; any other failure fails the run.
/// </summary>
public sealed partial class Workload
{
    public const string AreaA = "E06000023";
    public const string AreaB = "E06000025";
    public const string Agency = "faults-outreach";
    public const string IdentifierAgency = "faults-run";
    public const string SourceSystem = "faults-import";

    private readonly GrpcChannel _channel;
    private readonly string _engagementDatabase;
    private readonly string _housingDatabase;
    private readonly string _safeguardingDatabase;
    private readonly Metadata _worker;
    private readonly Metadata _officer;
    private long _completed;
    private long _retries;
    private readonly Lock _pace = new();
    private TimeSpan _next;
    private Stopwatch _clock = Stopwatch.StartNew();

    public Workload(Uri address, string engagementDatabase, string housingDatabase, string safeguardingDatabase)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(5),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            },
        });
        _engagementDatabase = engagementDatabase;
        _housingDatabase = housingDatabase;
        _safeguardingDatabase = safeguardingDatabase;
        _worker = Auth("support_worker", "faults-worker");
        _officer = Auth("housing_officer", "faults-officer");
    }

    public List<string> SeedPeople { get; } = [];

    public List<string> Units { get; } = [];

    /// <summary>Acknowledged writes, by kind, with what identifies each one in the databases.</summary>
    public ConcurrentBag<string> Registrations { get; } = [];

    public ConcurrentBag<string> Moves { get; } = [];

    public ConcurrentBag<string> Contacts { get; } = [];

    public ConcurrentBag<string> Concerns { get; } = [];

    public ConcurrentBag<string> NeedsProfiles { get; } = [];

    public ConcurrentDictionary<string, string> Vacancies { get; } = new();

    public ConcurrentDictionary<string, string> Offers { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    public long Retries => Interlocked.Read(ref _retries);

    public long Writes => Registrations.Count + Moves.Count + Contacts.Count + Concerns.Count + NeedsProfiles.Count + Vacancies.Count + Offers.Count;

    /// <summary>People, a provider, a scheme and units to work on, before any fault.</summary>
    public async Task SeedAsync(int people, int units, CancellationToken cancellationToken)
    {
        var registered = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, _) => registered.Add(await RegisterAsync($"s-{i}", i + 100_000, cancellationToken) ?? throw new InvalidOperationException("seed not registered")));
        SeedPeople.AddRange(registered.Order(StringComparer.Ordinal));

        var catalogue = new CatalogueService.CatalogueServiceClient(_channel);
        var provider = await Retry(o => catalogue.CreateProviderAsync(new CreateProviderRequest { Name = "Fault Test Housing" }, o).ResponseAsync, _officer, cancellationToken);
        var scheme = await Retry(o => catalogue.CreateSchemeAsync(new CreateSchemeRequest
        {
            ProviderId = provider.ProviderId, Name = "Fault Test Scheme",
            Attributes = new HousingAttributes { Location = new Location { LocalAuthority = AreaA } },
        }, o).ResponseAsync, _officer, cancellationToken);
        var created = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, units), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, _) => created.Add((await Retry(o => catalogue.CreateUnitAsync(
                new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = $"Unit {i}" }, o).ResponseAsync, _officer, cancellationToken)).UnitId));
        Units.AddRange(created.Order(StringComparer.Ordinal));

        // Contacts, concerns and offers are for people engagement, safeguarding and housing have heard of.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await CountAsync(_engagementDatabase, "SELECT COUNT(*) FROM access_persons") < people
               || await CountAsync(_housingDatabase, "SELECT COUNT(*) FROM access_persons") < people
               || await CountAsync(_safeguardingDatabase, "SELECT COUNT(*) FROM access_persons") < people)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Engagement, safeguarding and housing did not hear of the seeded people in 2 minutes.");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// The writes, spread over <paramref name="callers"/> concurrent callers, started at no more than
    /// <paramref name="ratePerSecond"/> a second. Each caller keeps its own people for moves and offers,
    /// so that the versions it sends are its own.
    /// </summary>
    public async Task RunAsync(int writes, int callers, double ratePerSecond, CancellationToken cancellationToken)
    {
        var housingCycles = Math.Min(Units.Count, SeedPeople.Count);
        var moves = writes * 26 / 100;
        var registrations = writes * 24 / 100;
        var concerns = writes * 10 / 100;
        var contacts = writes - registrations - moves - concerns - 3 * housingCycles;
        var plans = Enumerable.Range(0, callers).Select(_ => new List<Func<Task>>()).ToList();
        for (var n = 0; n < registrations; n++)
        {
            var id = $"r-{n}";
            var number = n;
            plans[n % callers].Add(async () =>
            {
                await RegisterAsync(id, number, cancellationToken);
                Registrations.Add(id);
            });
        }
        for (var n = 0; n < moves; n++)
        {
            // Each caller moves only people of its own, one move at a time.
            var caller = n % callers;
            var own = SeedPeople.Where((_, i) => i % callers == caller).ToList();
            var person = own[n / callers % own.Count];
            var marker = $"FaultMove mv-{n}-";
            plans[caller].Add(() => MoveAsync(person, marker, cancellationToken));
        }
        for (var n = 0; n < contacts; n++)
        {
            var sourceId = $"c-{n}";
            var person = SeedPeople[n % SeedPeople.Count];
            plans[n % callers].Add(() => ContactAsync(person, sourceId, cancellationToken));
        }
        for (var n = 0; n < concerns; n++)
        {
            var marker = $"FaultConcern cn-{n}";
            var person = SeedPeople[(n * 7) % SeedPeople.Count];
            plans[n % callers].Add(() => ConcernAsync(person, marker, cancellationToken));
        }
        for (var n = 0; n < housingCycles; n++)
        {
            var (unit, person) = (Units[n], SeedPeople[n]);
            plans[n % callers].Add(() => OfferAsync(unit, person, cancellationToken));
        }
        var random = new Random(9);
        foreach (var plan in plans)
        {
            // Interleave the kinds; moves of one person stay in order (one caller runs its plan in sequence).
            var shuffled = plan.OrderBy(_ => random.Next()).ToList();
            plan.Clear();
            plan.AddRange(shuffled);
        }
        _clock = Stopwatch.StartNew();
        // A write that fails for good stops every caller: the run has failed.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(plans.Select(plan => Task.Run(async () =>
        {
            try
            {
                foreach (var write in plan)
                {
                    await PaceAsync(ratePerSecond, failed.Token);
                    await write();
                    Interlocked.Increment(ref _completed);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await failed.CancelAsync();
                throw;
            }
        }, failed.Token)));
    }

    /// <summary>
    /// At most the rate, and no catching up after a slow stretch (a broker outage) beyond a second's
    /// worth: the faults, placed by shares of the writes done, stay spread over the run.
    /// </summary>
    private async Task PaceAsync(double ratePerSecond, CancellationToken cancellationToken)
    {
        TimeSpan due;
        lock (_pace)
        {
            var now = _clock.Elapsed;
            if (_next < now - TimeSpan.FromSeconds(1))
            {
                _next = now - TimeSpan.FromSeconds(1);
            }
            _next += TimeSpan.FromSeconds(1 / ratePerSecond);
            due = _next;
        }
        var wait = due - _clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private Task<string?> HousingScalarAsync(string sql, string key) => ScalarAsync(_housingDatabase, sql, key);

    private static async Task<string?> ScalarAsync(string database, string sql, string key)
    {
        await using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@Key", key);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>A made-up name of its own for each number, so that no two people look like duplicates.</summary>
    private static string Name(int number, int salt)
    {
        string[] syllables = ["ka", "lo", "mi", "ren", "sa", "to", "vel", "dar", "ni", "po", "qua", "zu", "bre", "fin", "gor", "hal"];
        var value = (long)number * salt + salt;
        var name = "";
        do
        {
            name += syllables[value % syllables.Length];
            value /= syllables.Length;
        }
        while (value > 0);
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
