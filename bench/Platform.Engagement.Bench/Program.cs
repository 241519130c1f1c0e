using System.Diagnostics;
using Dapper;
using Grpc.Core;
using MassTransit;
using Platform.Bench;
using Platform.BuildingBlocks.Security;
using Platform.Engagement;
using Platform.Engagement.Bench;
using Platform.Engagement.V1;
using Platform.IntegrationEvents.Registry;

// Engagement benchmark: a 5,000-entry chronology served over gRPC (target p99 <= 50 ms) and the
// bulk-import rate (target >= 10,000 contacts per second). See docs/benchmarks.md.
const string Agency = "outreach-bench";
const string Area = "E06000023";
const int People = 1_000;
const int ChronologyEntries = 5_000;
const int ImportItems = 50_000;
const int Calls = 500;

var data = Path.Combine(Path.GetTempPath(), "engagement-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(data);
await using var host = ServiceHost.Build("engagement-bench", data, builder => builder.AddEngagement(), app => app.MapEngagement());
await host.StartAsync();
var address = ServiceHost.Address(host);
var random = new Random(20261126);
var now = DateTimeOffset.UtcNow;
var people = Enumerable.Range(0, People).Select(_ => Guid.NewGuid().ToString()).ToList();
await SeedAccessAsync(host, people);

var partner = new ContactService.ContactServiceClient(ServiceHost.Channel(address, PlatformRoles.PartnerSystem, Agency, Area));
var chronologyPerson = people[0];
var single = await ImportAsync(partner, Workload.Contacts(random, "bench-chronology", [chronologyPerson], ChronologyEntries, now));
Console.WriteLine($"Seeded a chronology of {single.Stored} contacts (+ the person's involvement).");

var importOnly = args.Contains("--import-only");
var chronology = new ChronologyService.ChronologyServiceClient(ServiceHost.Channel(address, PlatformRoles.SupportWorker, Agency, Area));
Samples[] timings = importOnly ? [] : new[]
{
    await TimeAsync("First page of 100, oldest first", () => chronology.GetChronologyAsync(
        new GetChronologyRequest { PersonId = chronologyPerson, PageSize = 100 }).ResponseAsync),
    await TimeAsync("Page of 100, newest first, significant + theme", () => chronology.GetChronologyAsync(new GetChronologyRequest
    {
        PersonId = chronologyPerson, PageSize = 100, NewestFirst = true,
        Filter = new ChronologyFilter { SignificantOnly = true, Themes = { Theme.DomesticAbuse, Theme.CoerciveControl } },
    }).ResponseAsync),
    await TimeAsync("Whole chronology, one page of 1,000 x 5", async () =>
    {
        var token = "";
        do
        {
            var page = await chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = chronologyPerson, PageSize = 1000, PageToken = token });
            token = page.NextPageToken;
        }
        while (token.Length > 0);
    }),
    await TimeAsync("Export of all 5,001 entries as CSV", () => chronology.ExportChronologyAsync(
        new ExportChronologyRequest { PersonId = chronologyPerson, Format = ExportChronologyRequest.Types.Format.Csv }).ResponseAsync),
    await TimeAsync("Engagement summary over 5,000 contacts", () => chronology.GetEngagementSummaryAsync(
        new GetEngagementSummaryRequest { PersonId = chronologyPerson }).ResponseAsync),
};
Console.WriteLine();
Console.WriteLine($"Each call {Calls} times after 20 warm-up calls, over gRPC (HTTP/2, loopback):");
Console.WriteLine(Samples.Table(timings, 50));

var items = Workload.Contacts(random, "bench-import", people, ImportItems, now).ToList();
var clock = Stopwatch.StartNew();
var first = await ImportAsync(partner, items);
var firstRate = ImportItems / clock.Elapsed.TotalSeconds;
clock.Restart();
var again = await ImportAsync(partner, items);
var againRate = ImportItems / clock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine("| Bulk import | items | stored | duplicates | rejected | items / s | rate / 10,000 target |");
Console.WriteLine("|---|---|---|---|---|---|---|");
Console.WriteLine($"| {ImportItems:N0} new contacts over {People:N0} people | {ImportItems:N0} | {first.Stored:N0} | {first.Duplicates:N0} | {first.Rejected:N0} | {firstRate:N0} | {firstRate / 10_000:0.00} |");
Console.WriteLine($"| The same items again | {ImportItems:N0} | {again.Stored:N0} | {again.Duplicates:N0} | {again.Rejected:N0} | {againRate:N0} | {againRate / 10_000:0.00} |");
await host.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);
return 0;

static async Task<ImportContactsResponse> ImportAsync(ContactService.ContactServiceClient client, IEnumerable<ImportContactsRequest> items)
{
    using var call = client.ImportContacts();
    foreach (var item in items)
    {
        await call.RequestStream.WriteAsync(item);
    }
    await call.RequestStream.CompleteAsync();
    return await call;
}

static async Task<Samples> TimeAsync(string name, Func<Task> call)
{
    for (var i = 0; i < 20; i++)
    {
        await call();
    }
    var samples = new Samples(name);
    for (var i = 0; i < Calls; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        samples.Add(started);
    }
    return samples;
}

// People become known to the engagement service as in production: from the registry's events.
static async Task SeedAccessAsync(WebApplication host, IReadOnlyList<string> people)
{
    var bus = host.Services.GetRequiredService<IBus>();
    var at = DateTimeOffset.UtcNow.AddYears(-3);
    foreach (var personId in people)
    {
        var involvement = Guid.NewGuid().ToString();
        await bus.Publish(new PersonAccessChanged
        {
            PersonId = personId, Sequence = 1, Areas = [Area], OccurredAt = at,
            Involvements = [new AgencyInvolvement { InvolvementId = involvement, Agency = Agency, Since = at }],
        });
        await bus.Publish(new InvolvementStarted { InvolvementId = involvement, PersonId = personId, Agency = Agency, Since = at, OccurredAt = at });
    }
    var database = host.Services.GetRequiredService<EngagementDatabase>();
    for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(200))
    {
        await using var db = await database.OpenAsync();
        var involved = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM access_involvements");
        var known = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM access_persons");
        if (involved == people.Count && known == people.Count)
        {
            return;
        }
    }
    throw new TimeoutException("The access projection did not receive every person.");
}
