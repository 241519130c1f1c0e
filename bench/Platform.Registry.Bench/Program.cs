using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Security;
using Platform.Registry;
using Platform.Registry.Bench;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.Grpc;
using Platform.Registry.IntegrationEvents;
using Platform.Registry.V1;

// Person search benchmark. Generates (once, then cached) a synthetic population in a registry
// SQLite database built by the registry's own migrations, then times PersonSearch as the
// SearchPersons handler runs it, for a mix of query kinds. See docs/benchmarks.md.

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 2;
}

DapperTypeHandlers.Register();
var dataDirectory = options.DataDirectory ?? Path.Combine(BenchOptions.RepositoryRoot(), "bench", ".data");
Directory.CreateDirectory(dataDirectory);
var file = Path.Combine(dataDirectory,
    string.Create(CultureInfo.InvariantCulture, $"registry-{options.People}-s{options.Seed}-v{PopulationGenerator.Version}.db"));
var statsFile = file + ".json";

GenerationInfo info;
if (options.Regenerate || !File.Exists(file) || !File.Exists(statsFile))
{
    info = await GenerateAsync(file, options);
    await File.WriteAllTextAsync(statsFile, JsonSerializer.Serialize(info));
}
else
{
    info = JsonSerializer.Deserialize<GenerationInfo>(await File.ReadAllTextAsync(statsFile))!;
    Console.WriteLine($"Using cached database {file} (generated in {info.Seconds:0} s).");
}

var database = new RegistryDatabase(new DatabaseConnection(RegistryExtensions.ServiceName, SqlDialect.Sqlite, $"Data Source={file}"));
var migrating = Stopwatch.StartNew();
await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).ApplyAsync(typeof(RegistryDatabase).Assembly);
Console.WriteLine($"Migrations checked/applied in {migrating.Elapsed.TotalSeconds:0.0} s.");
// A database generated before the registry filed names under the date of birth: migration 007 marks
// its records, and they are filed as the generator files a fresh population's (BirthKeyFiller).
var filing = Stopwatch.StartNew();
var (filed, birthKeys) = BirthKeyFiller.File($"Data Source={file};Pooling=False");
if (filed > 0)
{
    Console.WriteLine($"Filed the names of {filed:N0} records under their date of birth ({birthKeys:N0} keys) in {filing.Elapsed.TotalSeconds:0} s.");
}

var clock = TimeProvider.System;
var people = new PersonStore();
var candidates = new CandidateQueries(database);
var access = new RegistryAccessFacts(database, clock);
var search = new PersonSearch(candidates, access, clock);
var caller = new Caller("bench-caseworker", new HashSet<string>(StringComparer.Ordinal) { PlatformRoles.SupportWorker },
    options.Agency, options.Area);

long visibleCount;
long personCount;
await using (var db = await database.OpenAsync())
{
    personCount = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM persons");
    visibleCount = await db.ExecuteScalarAsync<long>(
        """
        SELECT COUNT(*) FROM persons p WHERE p.linked_to IS NULL AND (
            EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.person_id AND i.agency = @Agency AND (i.until IS NULL OR i.until > @Now))
            OR EXISTS (SELECT 1 FROM addresses a WHERE a.person_id = p.person_id AND a.local_authority = @Area AND a.confidential = 0)
            OR EXISTS (SELECT 1 FROM sharing_records s WHERE s.person_id = p.person_id AND s.agency = @Agency AND (s.until IS NULL OR s.until > @Now)))
        """, new { caller.Agency, Area = caller.LocalAuthority, Now = clock.GetUtcNow() });
}
var dbBytes = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Database: {personCount:N0} people, {dbBytes / 1048576.0:N0} MiB; caller {caller.Agency} in {caller.LocalAuthority} may see {visibleCount:N0} ({100.0 * visibleCount / personCount:0.0}%)."));

if (options.Prewarm)
{
    // A long-running service with this much memory holds the database in the OS page cache.
    var reading = Stopwatch.StartNew();
    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
    var buffer = new byte[1 << 20];
    while (await stream.ReadAsync(buffer) > 0)
    {
    }
    Console.WriteLine($"Read the database file once into the OS page cache in {reading.Elapsed.TotalSeconds:0.0} s.");
}

var warmup = Workload.Build($"Data Source={file};Mode=ReadOnly", options.Warmup, options.Seed + 1);
var workload = Workload.Build($"Data Source={file};Mode=ReadOnly", options.Queries, options.Seed + 2);

if (options.Pragmas.Count > 0)
{
    Console.WriteLine($"Per-connection settings applied before each query: {string.Join("; ", options.Pragmas.Select(p => "PRAGMA " + p))}.");
}
Console.WriteLine($"Warm-up: {warmup.Count} queries.");
foreach (var query in warmup)
{
    await ConditionAsync();
    await SearchAsync(query);
}

Console.WriteLine($"Measuring {workload.Count} queries (PersonSearch.SearchAsync in a transaction, as the handler runs it).");
var results = await MeasureAsync(workload, SearchAsync);
var table = Report.Table(results, options.TargetMs);
Console.WriteLine();
Console.WriteLine(table);

if (options.Slowest > 0)
{
    Console.WriteLine($"Slowest {options.Slowest} queries:");
    foreach (var (ms, query) in Slowest.Items.OrderByDescending(x => x.Ms).Take(options.Slowest))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,7:0.0} ms  {query.Kind,-22} {query.Describe()}"));
    }
    Console.WriteLine();
}

string? grpcTable = null;
if (options.Grpc)
{
    var service = new PeopleGrpcService(database, new PersonAccessGuard<RegistryDatabase>(database, access, clock), people,
        new AddressStore(), new InvolvementStore(), new LinkStore(),
        new PersonViews(new PersonGroupStore(), new LinkStore(), new AddressStore(), clock),
        new DuplicateFinder(people, new AddressStore(), candidates, new DuplicateScorer(new DuplicateScoringOptions()), access), search,
        new PersonStatePublisher(new PersonStateStore(), clock), clock);
    var context = new Platform.Bench.BenchCallContext(caller);
    Task<IReadOnlyList<string>> ViaHandlerAsync(BenchQuery query) => HandlerAsync(service, context, query);
    foreach (var query in warmup.Take(200))
    {
        await ConditionAsync();
        await ViaHandlerAsync(query);
    }
    Console.WriteLine($"Measuring {workload.Count} queries through PeopleGrpcService.SearchPersons (validation, NHS owner look-up, search, page of 20, audit rows, commit).");
    grpcTable = Report.Table(await MeasureAsync(workload, ViaHandlerAsync), options.TargetMs);
    Console.WriteLine();
    Console.WriteLine(grpcTable);
}

string? matchingText = null;
if (options.Matching > 0)
{
    var finder = new DuplicateFinder(people, new AddressStore(), candidates, new DuplicateScorer(new DuplicateScoringOptions()), access);
    matchingText = await new Matching(database, search, finder, access, caller).RunAsync(options.Matching, options.Seed + 3);
    Console.WriteLine(matchingText);
}

if (options.Output is { } output)
{
    var environment = $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores";
    await File.WriteAllTextAsync(output,
        $"""
        Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {environment}
        Database: {personCount:N0} people, {dbBytes / 1048576.0:N0} MiB, generated in {info.Seconds:0} s ({info.NameKeys:N0} name keys, {info.Addresses:N0} addresses, {info.Involvements:N0} involvements)
        Caller: {caller.Agency} in {caller.LocalAuthority}, may see {visibleCount:N0} people ({100.0 * visibleCount / personCount:0.0}%)
        Warm-up {warmup.Count} queries; measured {workload.Count} queries.{(options.Pragmas.Count > 0 ? " Per-connection: " + string.Join("; ", options.Pragmas.Select(p => "PRAGMA " + p)) + "." : "")}

        PersonSearch (as the handler runs it):

        {table}
        {(grpcTable is null ? "" : "PeopleGrpcService.SearchPersons handler:\n\n" + grpcTable)}
        {matchingText ?? ""}
        """);
    Console.WriteLine($"Written to {output}.");
}
return 0;

// The service opens pooled connections through ServiceDatabase.OpenAsync; a setting made on the
// connection that the next query will be handed stands in for one made there.
async Task ConditionAsync()
{
    if (options.Pragmas.Count == 0)
    {
        return;
    }
    await using var db = await database.OpenAsync();
    foreach (var pragma in options.Pragmas)
    {
        await db.ExecuteAsync("PRAGMA " + pragma);
    }
}

async Task<IReadOnlyList<string>> SearchAsync(BenchQuery query)
{
    // What SearchPersons does around the search, minus request validation, paging and audit.
    var hits = await database.InTransactionAsync(async (db, tx) =>
    {
        var nhs = NhsNumber.Normalise(query.NhsNumber);
        var owner = nhs.Length > 0 ? await people.NhsOwnerAsync(db, tx, nhs) : null;
        return await search.SearchAsync(db, tx, caller, new PersonSearch.Query(
            query.Name.Trim(), query.DateOfBirth, owner, null, ByNhs: nhs.Length > 0, ByIdentifier: false, query.Area));
    });
    return hits.Select(hit => hit.Row.PersonId).ToList();
}

static async Task<IReadOnlyList<string>> HandlerAsync(PeopleGrpcService service, Platform.Bench.BenchCallContext context, BenchQuery query)
{
    var request = new SearchPersonsRequest
    {
        Name = query.Name,
        NhsNumber = query.NhsNumber,
        LocalAuthority = query.Area ?? "",
        DateOfBirth = query.DateOfBirth is { } d ? new Platform.Registry.V1.PartialDate { Year = d.Year, Month = d.Month ?? 0, Day = d.Day ?? 0 } : null,
    };
    var response = await service.SearchPersons(request, context);
    return response.Matches.Select(match => match.PersonId).ToList();
}

async Task<IReadOnlyList<Samples>> MeasureAsync(IReadOnlyList<BenchQuery> queries, Func<BenchQuery, Task<IReadOnlyList<string>>> run)
{
    var byKind = Workload.Mix.ToDictionary(m => m.Kind, m => new Samples(m.Kind), StringComparer.Ordinal);
    Slowest.Items.Clear();
    await using var check = await database.OpenAsync();
    foreach (var query in queries)
    {
        await ConditionAsync();
        var started = Stopwatch.GetTimestamp();
        var found = await run(query);
        var ms = Report.Milliseconds(started);
        // Outside the timing: could the caller see the person this query was meant to find?
        var visible = (await access.VisibleAsync(check, null, caller, [query.TargetId])).Count > 0;
        var rank = found.ToList().IndexOf(query.TargetId);
        byKind[query.Kind].Add(ms, found.Count, visible, rank >= 0, rank is >= 0 and < 20);
        Slowest.Items.Add((ms, query));
    }
    return [.. byKind.Values];
}

static async Task<GenerationInfo> GenerateAsync(string file, BenchOptions options)
{
    var building = file + ".building";
    foreach (var stale in new[] { file, file + "-wal", file + "-shm", building, building + "-wal", building + "-shm", file + ".json" })
    {
        File.Delete(stale);
    }
    Console.WriteLine($"Generating {options.People:N0} people (seed {options.Seed}) into {file} ...");
    var clock = Stopwatch.StartNew();
    var fresh = new RegistryDatabase(new DatabaseConnection(RegistryExtensions.ServiceName, SqlDialect.Sqlite, $"Data Source={building}"));
    await new MigrationRunner(fresh, NullLogger<MigrationRunner>.Instance).ApplyAsync(typeof(RegistryDatabase).Assembly);
    SqliteConnection.ClearAllPools();
    var generator = new PopulationGenerator(options.People, options.Seed);
    var stats = generator.Generate($"Data Source={building};Pooling=False", Console.WriteLine);
    SqliteConnection.ClearAllPools();
    File.Move(building, file);
    var info = new GenerationInfo(options.People, options.Seed, clock.Elapsed.TotalSeconds, stats.NameKeys, stats.Addresses,
        stats.Involvements, stats.Identifiers, stats.Links, stats.Shares, generator.GivenNameCount, generator.FamilyNameCount);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Generated in {info.Seconds:0} s: {stats.NameKeys:N0} name keys, {stats.Addresses:N0} addresses, {stats.Involvements:N0} involvements, " +
        $"{stats.Identifiers:N0} identifiers, {stats.Links:N0} linked records, {stats.Shares:N0} sharing records; " +
        $"{info.GivenNames} given and {info.FamilyNames} family names."));
    return info;
}

internal sealed record GenerationInfo(int People, int Seed, double Seconds, long NameKeys, long Addresses, long Involvements,
    long Identifiers, long Links, long Shares, int GivenNames, int FamilyNames);

internal static class Slowest
{
    public static List<(double Ms, BenchQuery Query)> Items { get; } = [];
}
