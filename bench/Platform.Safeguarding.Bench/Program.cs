using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Platform.Bench;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding;
using Platform.Safeguarding.Bench;
using Platform.Safeguarding.Board;
using Platform.Safeguarding.Grpc;
using Platform.Safeguarding.V1;

// Safeguarding benchmark: the worklist of an area with 50,000 open plans and 500,000 actions, and the board
// figures of a year of 100,000 concerns, in process and over gRPC. See docs/benchmarks.md.

var plans = Arg("--plans", 50_000);
var actionsPerPlan = Arg("--actions-per-plan", 10);
var concernCount = Arg("--concerns", 100_000);
var pages = Arg("--pages", 300);
var queries = Arg("--queries", 500);
var boardRuns = Arg("--board-runs", 20);
var seed = Arg("--seed", 20261203);
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
const double WorklistTargetMs = 50;
const double BoardTargetMs = 2000;
const int Warmup = 100;
const string Area = "E06000023";

var data = Path.Combine(Path.GetTempPath(), "safeguarding-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(data);
await using var app = ServiceHost.Build("safeguarding-bench", data, builder => builder.AddSafeguarding(), application => application.MapSafeguarding(),
    // The overdue check would mark the seeded backlog while the bench reads it.
    new Dictionary<string, string?> { ["Safeguarding:Plans:OverdueCheckInterval"] = "1.00:00:00" });
await app.StartAsync();
var now = DateTimeOffset.UtcNow;
var board = app.Services.GetRequiredService<BoardFiguresQuery>();
var year = board.CurrentYear(now) - 1;

var seeding = Stopwatch.StartNew();
var seeder = new AreaSeeder(app.Services.GetRequiredService<SafeguardingDatabase>(), seed, now, Area);
var people = await seeder.PeopleAsync(plans);
await seeder.PlansAsync(people, actionsPerPlan);
await seeder.ConcernsAsync(people, concernCount, board.Period(year).From);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Seeded {plans:N0} open plans, {plans * actionsPerPlan:N0} actions and {concernCount:N0} concerns in {seeding.Elapsed.TotalSeconds:0.0} s."));

var caller = new Caller("bench-lead", new HashSet<string>(StringComparer.Ordinal) { PlatformRoles.SafeguardingLead }, AreaSeeder.Agency(0), Area);
var handler = ActivatorUtilities.CreateInstance<WorklistGrpcService>(app.Services);
var context = new BenchCallContext(caller);
using var channel = ServiceHost.Channel(ServiceHost.Address(app), PlatformRoles.SafeguardingLead, caller.Agency, caller.LocalAuthority);
var client = new WorklistService.WorklistServiceClient(channel);

var areaFirst = new GetWorklistRequest { Scope = WorklistScope.Area, PageSize = 50 };
var agencyFirst = new GetWorklistRequest { Scope = WorklistScope.Agency, PageSize = 50 };
var handlerTokens = await TokensAsync(request => handler.GetWorklist(request, context));
var socketTokens = await TokensAsync(request => client.GetWorklistAsync(request).ResponseAsync);
var random = new Random(seed);

var rows = new List<Samples>
{
    await MeasureAsync("in process: GetWorklist handler, area, first page of 50", queries, _ => handler.GetWorklist(areaFirst, context)),
    await MeasureAsync($"in process: GetWorklist handler, area, a later page (2 to {pages})", queries,
        _ => handler.GetWorklist(Later(handlerTokens), context)),
    await MeasureAsync("in process: GetWorklist handler, one agency, first page of 50", queries, _ => handler.GetWorklist(agencyFirst, context)),
    await MeasureAsync("gRPC HTTP/2 socket: GetWorklist, area, first page of 50", queries, _ => client.GetWorklistAsync(areaFirst).ResponseAsync),
    await MeasureAsync($"gRPC HTTP/2 socket: GetWorklist, area, a later page (2 to {pages})", queries,
        _ => client.GetWorklistAsync(Later(socketTokens)).ResponseAsync),
};
await using (var gateway = await GatewayProcess.StartAsync("safeguarding", ServiceHost.Address(app)))
{
    using var gatewayChannel = ServiceHost.Channel(gateway.GrpcAddress, PlatformRoles.SafeguardingLead, caller.Agency, caller.LocalAuthority);
    var throughGateway = new WorklistService.WorklistServiceClient(gatewayChannel);
    rows.Add(await MeasureAsync("through the YARP gateway (HTTP/2 both hops): GetWorklist, area, first page of 50", queries,
        _ => throughGateway.GetWorklistAsync(areaFirst).ResponseAsync));
    rows.Add(await MeasureAsync($"through the YARP gateway: GetWorklist, area, a later page (2 to {pages})", queries,
        _ => throughGateway.GetWorklistAsync(Later(socketTokens)).ResponseAsync));
}
var boardRequest = new GetBoardFiguresRequest { Year = year };
var figures = await handler.GetBoardFigures(boardRequest, context);
var boardRows = new List<Samples>
{
    await MeasureAsync($"in process: GetBoardFigures handler, year {year}", boardRuns, _ => handler.GetBoardFigures(boardRequest, context), warmup: 2),
    await MeasureAsync($"gRPC HTTP/2 socket: GetBoardFigures, year {year}", boardRuns, _ => client.GetBoardFiguresAsync(boardRequest).ResponseAsync, warmup: 2),
};

var environment = $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores";
var report = string.Create(CultureInfo.InvariantCulture, $"""
    Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {environment}
    One area: {plans:N0} open plans, {plans * actionsPerPlan:N0} actions (a third done, due a year either side of now), {concernCount:N0} concerns in reporting year {year}
    Worklist: {queries} measured calls each (after {Warmup} warm-up), later pages drawn from the first {pages}; board figures: {boardRuns} calls each
    Board figures of {year}: {figures.Concerns:N0} concerns, {figures.Section42Enquiries:N0} section 42 and {figures.OtherEnquiries:N0} other enquiries

    {Samples.Table(rows, WorklistTargetMs)}
    {Samples.Table(boardRows, BoardTargetMs)}
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

GetWorklistRequest Later(IReadOnlyList<string> tokens) =>
    new() { Scope = WorklistScope.Area, PageSize = 50, PageToken = tokens[random.Next(tokens.Count)] };

// The tokens of pages 2 to `pages` of the area's worklist, as the caller was given them (a token is bound to its caller).
async Task<IReadOnlyList<string>> TokensAsync(Func<GetWorklistRequest, Task<Worklist>> call)
{
    var tokens = new List<string>();
    var request = areaFirst.Clone();
    for (var page = 1; page < pages; page++)
    {
        var next = (await call(request)).NextPageToken;
        if (next.Length == 0)
        {
            break;
        }
        tokens.Add(next);
        request.PageToken = next;
    }
    return tokens;
}

async Task<Samples> MeasureAsync<T>(string name, int count, Func<int, Task<T>> run, int warmup = Warmup)
{
    for (var i = 0; i < warmup; i++)
    {
        await run(i);
    }
    var samples = new Samples(name);
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await run(i);
        samples.Add(started);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p99 {samples.Percentile(99):0.00} ms"));
    return samples;
}
