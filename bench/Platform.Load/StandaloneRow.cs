using System.Diagnostics;
using Grpc.Core;
using Platform.EndToEnd.Tests;
using Platform.Registry.V1;
using static Platform.Load.Report;

namespace Platform.Load;

/// <summary>
/// The standalone host as a new user runs it (one process: every service on SQLite, events in process)
/// loaded with registrations through gRPC, closed loop: the rate at the start and at the end, the
/// resident memory idle and after, the data written per person, and how long a restart on that data
/// takes to be ready.
/// </summary>
public sealed class StandaloneRow(LoadOptions options)
{
    public async Task<Row> MeasureAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "platform-load-standalone", Guid.NewGuid().ToString("N"));
        // Set here, not by PlatformProcess, so that the data outlives the first process for the restart.
        var environment = new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = data,
            ["Database__SqliteSynchronous"] = options.SqliteSynchronous,
        };
        try
        {
            string loaded, memory, cpu;
            await using (var host = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", environment))
            {
                var idle = ResidentBytes(host.ProcessId);
                var token = await DevelopmentToken.GetAsync(host.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
                var worker = new Metadata { { "authorization", $"Bearer {token}" } };
                var people = new People(seed: 1_000);
                var channels = Stack.Channels(host, options.Channels);
                var usage = Cpu.Start(new Dictionary<string, int> { ["standalone"] = host.ProcessId, ["load"] = Environment.ProcessId });
                var (total, first, last, held) = await RegisterAsync(channels, worker, people);
                cpu = usage.Stop();
                loaded = $"{total.Latency.Count:N0} people: {Rate(total)}; first tenth {first:N0}/s, last tenth {last:N0}/s; {held} held back";
                memory = $"resident {Megabytes(ResidentBytes(host.ProcessId))} after ({Megabytes(idle)} idle)";
            }
            var bytes = new DirectoryInfo(data).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
            var sizes = TableSizes(data, options.StandalonePeople);
            var started = Stopwatch.GetTimestamp();
            await using (await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", environment))
            {
                var restart = Stopwatch.GetElapsedTime(started);
                var perPerson = bytes / Math.Max(1, options.StandalonePeople);
                return new Row(
                    $"standalone host: RegisterPerson through gRPC, {options.StandalonePeople:N0} people, {options.Channels} × {options.InFlight} in flight",
                    $"{loaded}; {memory}; {Megabytes(bytes)} of data (~{perPerson:N0} bytes a person; {sizes}); restart on that data ready in {Seconds(restart)}",
                    "—", "", "≥ 2,000/s; ≤ 300 MB resident; data per person justified", cpu);
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>All the registrations; the rate of the first and last tenth tell whether it slows as the registry grows.</summary>
    private async Task<(LoadResult Total, double First, double Last, int HeldBack)> RegisterAsync(
        Grpc.Net.Client.GrpcChannel[] channels, Metadata worker, People people)
    {
        var tenth = Math.Max(1, options.StandalonePeople / 10);
        var marks = new long[11];
        var done = 0;
        var held = 0;
        marks[0] = Stopwatch.GetTimestamp();
        var total = await LoadLoop.CountedAsync("standalone RegisterPerson", channels, options.InFlight, options.StandalonePeople, async (channel, _) =>
        {
            var reply = await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(people.Next(), worker);
            if (reply.Person is null)
            {
                Interlocked.Increment(ref held);
            }
            var count = Interlocked.Increment(ref done);
            if (count % tenth == 0 && count / tenth <= 10)
            {
                marks[count / tenth] = Stopwatch.GetTimestamp();
            }
        });
        double RateOf(int from) => tenth / Stopwatch.GetElapsedTime(marks[from], marks[from + 1]).TotalSeconds;
        return (total, RateOf(0), marks[10] > 0 ? RateOf(9) : double.NaN, held);
    }

    /// <summary>
    /// Where the data is: each file's size a person, and its largest tables and indexes a person (the
    /// page bytes, so the figures include each page's free space), for the data per person to be justified.
    /// </summary>
    private static string TableSizes(string data, int people)
    {
        // The files' sizes first: measuring the tables opens each database, and the last connection to
        // close folds the log into the file.
        var files = new DirectoryInfo(data).EnumerateFiles("*.db", SearchOption.AllDirectories)
            .Select(file => (file.FullName, file.Name, file.Length, Log: new FileInfo(file.FullName + "-wal") is { Exists: true } wal ? wal.Length : 0))
            .OrderByDescending(file => file.Length + file.Log)
            .ToList();
        var each = Math.Max(1, people);
        return string.Join("; ", files.Select(file =>
        {
            var largest = Databases.TableSizes(file.FullName).Take(6).Select(t => $"{t.Name} {t.Bytes / each:N0}");
            return $"{file.Name} {file.Length / each:N0} + log {file.Log / each:N0}: {string.Join(", ", largest)}";
        }));
    }

    /// <summary>VmRSS from /proc, in bytes (the kernel gives it in kB).</summary>
    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static string Megabytes(long bytes) => System.FormattableString.Invariant($"{bytes / 1_048_576.0:N0} MB");
}
