using System.Globalization;
using System.Text;
using Grpc.Net.Client;
using Platform.Bench;
using Platform.EndToEnd.Tests;
using Platform.Testing;
using Platform.Web.Bench;

// Page benchmarks: the standalone platform with 100,000 people and a 5,000-entry chronology, the
// person, chronology and match pages timed over HTTP as a signed-in user, and the bytes of each
// page's first load. See docs/benchmarks.md.
var people = Option("--people", 100_000);
var entries = Option("--entries", 5_000);
var requests = Option("--requests", 200);
var warmup = Option("--warmup", 100);
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(RepositoryRoot.Path, "bench", ".data", "web-bench.md");

var cache = Path.Combine(RepositoryRoot.Path, "bench", ".data");
var data = Path.Combine(Path.GetTempPath(), "platform-web-bench", Guid.NewGuid().ToString("N"));
Console.WriteLine($"Population of {people:N0} (the registry benchmark's generator, cached in {cache}) ...");
await Seeding.PopulationAsync(people, cache, data);

await using var host = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", new Dictionary<string, string> { ["Database__DataDirectory"] = data });
using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
var seeding = System.Diagnostics.Stopwatch.StartNew();
await Seeding.DemoDataAsync(host.GrpcAddress);
var (personId, woman) = await Seeding.MeasuredWomanAsync(channel);
var chronologyCount = await Seeding.ChronologyAsync(channel, personId, woman, entries);
Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0} s: {woman.GivenName} {woman.FamilyName} ({personId}) has {chronologyCount:N0} chronology entries.");

using var worker = await PageClient.SignInAsync(host.HttpAddress, "support_worker", woman.Area.OutreachAgency);
using var housing = await PageClient.SignInAsync(host.HttpAddress, "housing_officer", woman.Area.HousingAgency);
var person = $"/people/{personId}";
var firstPage = await worker.HtmlAsync(person);
var older = System.Text.RegularExpressions.Regex.Match(firstPage, "href=\"(/people/[^\"]*page=[^\"]+)\"").Groups[1].Value;
var pages = new (string Name, PageClient Client, string Path)[]
{
    ("person page", worker, person),
    ("chronology: older entries (second page)", worker, System.Net.WebUtility.HtmlDecode(older)),
    ("chronology: contacts of the last year", worker, $"{person}?kind=Contact&from={DateTime.UtcNow.AddYears(-1):yyyy-MM-dd}"),
    ("match page", housing, $"/housing/people/{personId}/match"),
};
if (older.Length == 0)
{
    throw new InvalidOperationException("The person page links to no older chronology entries.");
}

var rows = new List<(Samples Samples, FirstLoad Load)>();
foreach (var (name, client, path) in pages)
{
    await client.HtmlAsync(path);
    for (var i = 0; i < warmup; i++)
    {
        await client.TimeAsync(path, new Samples(name));
    }
    var samples = new Samples(name);
    for (var i = 0; i < requests; i++)
    {
        await client.TimeAsync(path, samples);
    }
    rows.Add((samples, await client.FirstLoadAsync(path)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p95 {samples.Percentile(95):0.0} ms, first load {rows[^1].Load.Total / 1024.0:0.0} KB"));
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"{people:N0} people in the registry; the measured woman's chronology holds {chronologyCount:N0} entries; {requests} requests per page after {warmup} warm-up, one at a time.");
report.AppendLine();
report.Append(Samples.Table(rows.Select(r => r.Samples), 150));
report.AppendLine();
report.AppendLine("| page | requests | HTML KB | CSS KB | JS KB | images and fonts KB | total KB | target KB | sent uncompressed |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (samples, load) in rows)
{
    double Kb(params string[] kinds) => load.Bytes.Where(b => kinds.Contains(b.Key)).Sum(b => b.Value) / 1024.0;
    var other = load.Total / 1024.0 - Kb("html", "css", "js");
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {samples.Name} | {load.Requests} | {Kb("html"):0.0} | {Kb("css"):0.0} | {Kb("js"):0.0} | {other:0.0} | {load.Total / 1024.0:0.0} | 300 | {load.Uncompressed} |");
}
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {output}.");
if (Directory.Exists(data))
{
    Directory.Delete(data, recursive: true);
}
return 0;

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}
