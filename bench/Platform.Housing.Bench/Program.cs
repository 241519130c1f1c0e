using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Grpc.Net.Client;
using MassTransit;
using Platform.Bench;
using Platform.BuildingBlocks.Security;
using Platform.Housing;
using Platform.Housing.Bench;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.Grpc;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Registry;

// Housing matching benchmark: 100,000 units ranked for a person, in process and over gRPC. See docs/housing.md.

var units = Arg("--units", 100_000);
var queries = Arg("--queries", 2_000);
var people = Arg("--people", 200);
var seed = Arg("--seed", 20261126);
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
const double InProcessTargetMs = 10;
const double GatewayTargetMs = 25;
const int Warmup = 1000;

var data = Path.Combine(Path.GetTempPath(), "housing-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(data);
await using var app = ServiceHost.Build("housing-bench", data, builder => builder.AddHousing(), application => application.MapHousing(),
    // The bench loads the index itself, to measure it.
    new Dictionary<string, string?> { ["Housing:Matching:RefreshSeconds"] = "0" });
await app.StartAsync();
var now = DateTimeOffset.UtcNow;
var database = app.Services.GetRequiredService<HousingDatabase>();

var loading = Stopwatch.StartNew();
var (unitCount, vacancyCount) = await CatalogueLoader.LoadAsync(database, new CatalogueGenerator(units, seed, now));
Console.WriteLine($"Catalogue: {unitCount:N0} units, {vacancyCount:N0} vacancies written in {loading.Elapsed.TotalSeconds:0.0} s.");

var index = app.Services.GetRequiredService<PlacementIndex>();
var before = GC.GetTotalMemory(forceFullCollection: true);
loading.Restart();
await app.Services.GetRequiredService<PlacementIndexLoader>().LoadAllAsync();
var loadSeconds = loading.Elapsed.TotalSeconds;
var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Index: {index.Count:N0} units loaded in {loadSeconds:0.0} s; managed memory {indexBytes / 1048576.0:0.0} MiB."));

// People known to housing through the registry's events, each with a needs profile set over gRPC.
var caller = new Caller("bench-officer", new HashSet<string>(StringComparer.Ordinal) { PlatformRoles.HousingOfficer }, "housing-bristol", "E06000023");
using var channel = ServiceHost.Channel(ServiceHost.Address(app), PlatformRoles.HousingOfficer, caller.Agency, caller.LocalAuthority);
var personIds = Enumerable.Range(0, people).Select(_ => Guid.NewGuid().ToString()).ToList();
var bus = app.Services.GetRequiredService<IBus>();
foreach (var personId in personIds)
{
    var since = now.AddYears(-2);
    await bus.Publish(new PersonAccessChanged
    {
        PersonId = personId, Sequence = 1, Areas = ["E06000023"], OccurredAt = since,
        Involvements = [new AgencyInvolvement { InvolvementId = Guid.NewGuid().ToString(), Agency = "bench", Since = since }],
    });
    await bus.Publish(new PersonAddressesChanged
    {
        PersonId = personId, Sequence = 1, OccurredAt = since, Addresses = [new AddressPeriod { LocalAuthority = "E06000023", From = since }],
    });
}
await WaitForPeopleAsync();
var needs = new NeedsService.NeedsServiceClient(channel);
var profiles = new ProfileGenerator(seed + 1);
foreach (var personId in personIds)
{
    await needs.SetNeedsProfileAsync(new SetNeedsProfileRequest { PersonId = personId, Profile = profiles.Next() });
}
var subjects = new List<MatchSubject>();
await database.InTransactionAsync(async (db, tx) =>
{
    foreach (var personId in personIds)
    {
        subjects.Add((await app.Services.GetRequiredService<MatchSubjects>().LoadAsync(db, tx, personId, now)).Subject);
    }
});

var matcher = app.Services.GetRequiredService<PlacementMatcher>();
long fits = 0;
var cpuRows = new List<Samples>();
var rankOnly = Measure("in process: rank 100k, top 20 (PlacementMatcher.Rank)", i => fits += matcher.Rank(subjects[i % people], index.Units, 20, 0).FitCount);
var meanFits = (double)fits / queries;
var withReasons = Measure("in process: rank + explain 20 fits and 20 excluded (the response)", i =>
{
    var subject = subjects[i % people];
    var result = matcher.Rank(subject, index.Units, 20, 20);
    _ = result.Fits.Select(f => MatchingGrpcService.ToProto(matcher.Explain(subject, f.Unit), false)).Count()
        + result.Excluded.Select(u => MatchingGrpcService.ToProto(matcher.Explain(subject, u), true)).Count();
});
var handler = ActivatorUtilities.CreateInstance<MatchingGrpcService>(app.Services);
var context = new BenchCallContext(caller);
var viaHandler = await MeasureAsync("in process: MatchPlacements handler (guard, audit, profile read, rank, response)",
    i => handler.MatchPlacements(new MatchPlacementsRequest { PersonId = personIds[i % people] }, context));
var client = new MatchingService.MatchingServiceClient(channel);
var overGrpc = await MeasureAsync("gRPC HTTP/2 socket: MatchPlacements, page 20",
    i => client.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personIds[i % people] }).ResponseAsync);
var whyNot = await MeasureAsync("gRPC HTTP/2 socket: MatchPlacements, page 20 + 20 why-not",
    i => client.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personIds[i % people], IncludeExcluded = true }).ResponseAsync);
await using var gateway = await GatewayProcess.StartAsync("housing", ServiceHost.Address(app));
using var gatewayChannel = ServiceHost.Channel(gateway.GrpcAddress, PlatformRoles.HousingOfficer, caller.Agency, caller.LocalAuthority);
var throughGateway = new MatchingService.MatchingServiceClient(gatewayChannel);
var viaGateway = await MeasureAsync("through the YARP gateway (HTTP/2 both hops): MatchPlacements, page 20",
    i => throughGateway.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personIds[i % people] }).ResponseAsync);

var environment = $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores";
var report = string.Create(CultureInfo.InvariantCulture, $"""
    Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {environment}
    {unitCount:N0} units ({vacancyCount:N0} with a vacancy), {people} people, {queries} measured queries each (after {Warmup} warm-up); mean fits per query {meanFits:N0}
    Index: loaded in {loadSeconds:0.0} s, managed memory {indexBytes / 1048576.0:0.0} MiB

    {Samples.Table([rankOnly, withReasons, viaHandler, .. cpuRows], InProcessTargetMs)}
    {Samples.Table([overGrpc, whyNot, viaGateway], GatewayTargetMs)}
    """);
Console.WriteLine();
Console.WriteLine(report);
if (output is not null)
{
    await File.WriteAllTextAsync(output, report);
}
await app.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);
return 0;

int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

Samples Measure(string name, Action<int> run)
{
    // Long enough for tiered compilation to finish optimising the ranking loop, as in a service that has run a while.
    for (var i = 0; i < Warmup; i++)
    {
        run(i);
    }
    Thread.Sleep(1000);
    fits = 0;
    var samples = new Samples(name);
    var cpu = new Samples(name + ", thread CPU time");
    for (var i = 0; i < queries; i++)
    {
        var cpuStarted = ThreadCpu.Milliseconds();
        var started = Stopwatch.GetTimestamp();
        run(i);
        samples.Add(started);
        cpu.AddMilliseconds(ThreadCpu.Milliseconds() - cpuStarted);
    }
    if (ThreadCpu.Available)
    {
        cpuRows.Add(cpu);
    }
    return samples;
}

async Task<Samples> MeasureAsync<T>(string name, Func<int, Task<T>> run)
{
    for (var i = 0; i < Warmup; i++)
    {
        await run(i);
    }
    await Task.Delay(1000);
    var samples = new Samples(name);
    for (var i = 0; i < queries; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await run(i);
        samples.Add(started);
    }
    return samples;
}

async Task WaitForPeopleAsync()
{
    for (var i = 0; i < 1200; i++)
    {
        await using var db = await database.OpenAsync();
        if (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_persons") >= people)
        {
            return;
        }
        await Task.Delay(50);
    }
    throw new TimeoutException("The people were not projected in time.");
}
