using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Security;
using Platform.EndToEnd.Tests;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using Platform.Testing;
using Platform.Web.Demo;

namespace Platform.Web.Bench;

/// <summary>
/// The fastest honest way to a full platform: the registry benchmark's generator writes the
/// population into the registry's own schema before the host starts (no one calls an API 100,000
/// times), then everything the pages show of the woman measured goes through the public API as
/// users would put it there: the demo data set (people, involvements, housing, needs profiles,
/// concerns) and her chronology through the contact import.
/// </summary>
public static class Seeding
{
    /// <summary>Runs the registry benchmark once to build (or reuse) its cached population and copies it in as the host's registry.</summary>
    public static async Task PopulationAsync(int people, string cache, string dataDirectory)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "bench", "Platform.Registry.Bench", "bin", RepositoryRoot.Configuration, "net10.0", "Platform.Registry.Bench.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { dll, "--people", people.ToString(System.Globalization.CultureInfo.InvariantCulture), "--queries", "1", "--warmup", "0", "--no-prewarm", "--data", cache })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The registry benchmark did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The registry benchmark failed ({process.ExitCode}).");
        }
        var population = Directory.GetFiles(cache, $"registry-{people}-s*.db").OrderByDescending(File.GetLastWriteTimeUtc).First();
        Directory.CreateDirectory(dataDirectory);
        File.Copy(population, Path.Combine(dataDirectory, "registry.db"), overwrite: true);
    }

    public static Task DemoDataAsync(Uri platform) =>
        new DemoLoader(new WebOptions { PlatformAddress = platform }, new AuthOptions { SigningKey = PlatformProcess.SigningKey }, NullLogger<DemoLoader>.Instance)
            .LoadAsync(CancellationToken.None);

    /// <summary>The demo woman of Bristol with a needs profile: her record's id.</summary>
    public static async Task<(string PersonId, DemoPerson Woman)> MeasuredWomanAsync(GrpcChannel channel)
    {
        var data = new DemoDataSet();
        // One who stays in the area: a move would hand her over to the next area's agencies.
        var woman = data.NeedsProfiles.First(w => w.Area.Code == Bench.Area && data.Moves.All(m => m.Person != w));
        var found = await new PeopleService.PeopleServiceClient(channel).SearchPersonsAsync(new SearchPersonsRequest
        {
            Identifier = new AgencyIdentifier { Agency = DemoDataSet.IdentifierAgency, Value = woman.Identifier },
        }, Bench.As("support_worker", woman.Area.OutreachAgency));
        return (found.Matches.Single().PersonId, woman);
    }

    /// <summary>Contacts over the last five years until her chronology holds <paramref name="entries"/>, imported in batches as a partner system would.</summary>
    public static async Task<int> ChronologyAsync(GrpcChannel channel, string personId, DemoPerson woman, int entries)
    {
        var chronology = new ChronologyService.ChronologyServiceClient(channel);
        var worker = Bench.As("support_worker", woman.Area.OutreachAgency);
        // Engagement learns of her from the registry's events: wait until it knows her.
        var known = Stopwatch.StartNew();
        int existing;
        while (true)
        {
            try
            {
                existing = await CountAsync(chronology, personId, worker);
                break;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound && known.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(500);
            }
        }
        var random = new Random(5000);
        var contacts = new ContactService.ContactServiceClient(channel);
        var now = DateTime.UtcNow;
        var wanted = entries - existing;
        for (var batch = 0; batch * 1000 < wanted; batch++)
        {
            using var call = contacts.ImportContacts(worker);
            for (var i = batch * 1000; i < Math.Min(wanted, (batch + 1) * 1000); i++)
            {
                var made = random.NextDouble() < 0.6;
                var details = new Platform.Engagement.V1.ContactDetails
                {
                    PersonId = personId, Agency = woman.Area.OutreachAgency, Worker = "Key worker (bench)",
                    ContactAt = Timestamp.FromDateTime(now.AddMinutes(-random.Next(10, 5 * 365 * 24 * 60))),
                    Channel = made ? Channel.OutreachVisit : Channel.Phone, Outcome = made ? Outcome.Made : Outcome.Attempted,
                    SeenAlone = made && random.NextDouble() < 0.7, Significant = random.NextDouble() < 0.05,
                    PersonsWords = random.NextDouble() < 0.3 ? "I want somewhere of my own, away from him." : "",
                };
                details.Themes.Add(Theme.Housing);
                await call.RequestStream.WriteAsync(new ImportContactsRequest { SourceSystem = "web-bench", SourceId = $"c{i}", Details = details });
            }
            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            if (response.Rejected > 0)
            {
                throw new InvalidOperationException(string.Join("; ", response.Results.SelectMany(r => r.Reasons).Distinct()));
            }
        }
        return await CountAsync(chronology, personId, worker);
    }

    private static async Task<int> CountAsync(ChronologyService.ChronologyServiceClient chronology, string personId, CallOptions worker)
    {
        var (count, token) = (0, "");
        do
        {
            var page = await chronology.GetChronologyAsync(new GetChronologyRequest { PersonId = personId, PageSize = 1000, PageToken = token }, worker);
            (count, token) = (count + page.Entries.Count, page.NextPageToken);
        }
        while (token.Length > 0);
        return count;
    }
}
