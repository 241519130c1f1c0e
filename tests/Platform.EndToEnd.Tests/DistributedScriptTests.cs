using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The README's way to run the distributed platform without Docker, as a user runs it:
/// <c>scripts/run-distributed.sh start</c> brings up the three services and the gateway as separate
/// processes over RabbitMQ and SQLite files, a call through the gateway works, and
/// <c>stop</c> ends every process it started.
/// </summary>
public sealed class DistributedScriptTests
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "scripts", "run-distributed.sh");

    [SkippableFact]
    public async Task The_script_starts_every_service_behind_the_gateway_and_stops_them_all()
    {
        Infrastructure.RequireRabbitMq();
        Skip.IfNot(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "curl is not installed; the script waits for readiness with it.");
        var data = Path.Combine(Path.GetTempPath(), "platform-e2e", "distributed-" + Guid.NewGuid().ToString("N")[..8]);
        var offset = FreePortOffset();
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_DATA"] = data,
            ["PLATFORM_PORT_OFFSET"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLATFORM_BUILD"] = "0", // the test run has built every project already
            ["PLATFORM_CONFIGURATION"] = RepositoryRoot.Configuration,
            ["PLATFORM_QUEUE_PREFIX"] = $"e2e-{Guid.NewGuid():N}-",
            ["RABBITMQ_HOST"] = Infrastructure.RabbitMqHost,
        };
        var gateway = new Uri($"http://127.0.0.1:{5180 + offset}");
        try
        {
            var (started, startOutput) = await RunAsync("start", environment, TimeSpan.FromMinutes(5));
            Assert.True(started == 0, startOutput);
            var (_, status) = await RunAsync("status", environment, TimeSpan.FromSeconds(30));
            Assert.Equal(6, // registry, engagement, housing, safeguarding, the web app and the gateway
                status.Split('\n').Count(line => line.EndsWith(": ready", StringComparison.Ordinal)));

            var token = await DevelopmentToken.GetAsync(gateway, "support_worker", "outreach-bristol", "E06000023");
            using var http = new HttpClient { BaseAddress = gateway };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var registered = await http.PostAsJsonAsync("/v1/persons", new
            {
                details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Nell", familyName = "Ashby" } } },
                address = new { lines = new[] { "4 Dock Road" }, localAuthority = "E06000023" },
            });
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
            using var person = JsonDocument.Parse(await registered.Content.ReadAsStringAsync());
            var id = person.RootElement.GetProperty("person").GetProperty("personId").GetString();
            using var summary = await http.GetAsync($"/v1/engagement/persons/{id}/summary");
            Assert.NotEqual(HttpStatusCode.BadGateway, summary.StatusCode);

            // The web app behind the gateway's catch-all route: its first screen says how to sign in.
            using var browser = new HttpClient { BaseAddress = gateway };
            var home = await browser.GetStringAsync("/");
            Assert.Contains("How to sign in", home, StringComparison.Ordinal);
        }
        finally
        {
            var (stopped, stopOutput) = await RunAsync("stop", environment, TimeSpan.FromMinutes(2));
            Assert.True(stopped == 0, stopOutput);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(data, "run")));
        Assert.False(Infrastructure.CanConnect("127.0.0.1", 5180 + offset), "The gateway still listens after stop.");
        Directory.Delete(data, recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>An offset at which all of the script's eight ports are free.</summary>
    private static int FreePortOffset()
    {
        int[] ports = [5100, 5180, 5201, 5281, 5202, 5282, 5203, 5283];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var offset = Random.Shared.Next(20_000, 40_000);
            if (ports.All(port => IsFree(port + offset)))
            {
                return offset;
            }
        }
        throw new InvalidOperationException("No free range of ports for the distributed platform.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
