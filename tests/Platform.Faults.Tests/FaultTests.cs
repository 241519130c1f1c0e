using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Faults.Tests;

/// <summary>
/// The platform under faults, with real processes: at least 5,000 writes through gRPC over HTTP/2
/// (registrations, moves between two areas, contacts, safeguarding concerns, vacancies and offers)
/// while the broker is stopped and started again twice and every service process (registry,
/// engagement, housing, safeguarding) is killed (SIGKILL) once and restarted; the standalone host the same with two kills. Afterwards every acknowledged write is
/// stored once, every event delivered to every consumer, every consumer effect applied once, and
/// nothing waits in an error queue (see <see cref="Verification"/>). The broker is a node of the
/// test's own (<see cref="RabbitMqNode"/>): the shared one on 5672 is never touched.
/// docs/fault-test.md says how to run it alone and what it printed.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(180);

    [SkippableFact]
    public async Task Distributed_platform_loses_nothing_and_applies_nothing_twice_through_broker_restarts_and_killed_services()
    {
        RequireBroker();
        var run = new FaultRun("distributed", output);
        var folder = RunFolder();
        var passed = false;
        try
        {
            await using var broker = await RabbitMqNode.StartAsync();
            run.Log($"RabbitMQ node {broker.NodeName} on port {broker.Port}");
            var bus = new Dictionary<string, string>
            {
                ["Messaging__Transport"] = "RabbitMq",
                ["Messaging__RabbitMq__Host"] = "127.0.0.1",
                ["Messaging__RabbitMq__Port"] = broker.Port.ToString(),
            };
            await using var registry = await HostProcess.StartAsync("registry", "services/Registry", "Platform.Registry", folder, bus);
            await using var engagement = await HostProcess.StartAsync("engagement", "services/Engagement", "Platform.Engagement", folder, bus);
            await using var housing = await HostProcess.StartAsync("housing", "services/Housing", "Platform.Housing", folder, bus);
            await using var safeguarding = await HostProcess.StartAsync("safeguarding", "services/Safeguarding", "Platform.Safeguarding", folder, bus);
            var gatewaySettings = new Dictionary<string, string>(Unlimited)
            {
                // A service's /ready fails while its broker is down, and the gateway's active health
                // checks would then take it out: writes would wait instead of landing in the outboxes,
                // which is what this test is about.
                ["ReverseProxy__Clusters__registry__HealthCheck__Active__Enabled"] = "false",
                ["ReverseProxy__Clusters__engagement__HealthCheck__Active__Enabled"] = "false",
                ["ReverseProxy__Clusters__housing__HealthCheck__Active__Enabled"] = "false",
                ["ReverseProxy__Clusters__safeguarding__HealthCheck__Active__Enabled"] = "false",
                ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = registry.GrpcAddress.ToString(),
                ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = engagement.GrpcAddress.ToString(),
                ["ReverseProxy__Clusters__housing__Destinations__primary__Address"] = housing.GrpcAddress.ToString(),
                ["ReverseProxy__Clusters__safeguarding__Destinations__primary__Address"] = safeguarding.GrpcAddress.ToString(),
            };
            await using var gateway = await HostProcess.StartAsync("gateway", "gateway/Platform.Gateway", "Platform.Gateway", folder, gatewaySettings);
            run.Log("registry, engagement, housing, safeguarding and the gateway are ready");

            var workload = new Workload(gateway.GrpcAddress, engagement.Database("engagement"), housing.Database("housing"), safeguarding.Database("safeguarding"));
            await run.WriteThroughFaultsAsync(workload,
            [
                (0.06, "broker-stopped", broker.StopAsync),
                (0.14, "broker-started", () => broker.StartAsync(TimeSpan.FromSeconds(180))),
                (0.26, "registry-killed", () => RestartAsync(registry)),
                (0.38, "engagement-killed", () => RestartAsync(engagement)),
                (0.50, "housing-killed", () => RestartAsync(housing)),
                (0.56, "safeguarding-killed", () => RestartAsync(safeguarding)),
                (0.62, "broker-stopped", broker.StopAsync),
                (0.70, "broker-started", () => broker.StartAsync(TimeSpan.FromSeconds(180))),
            ]);
            var result = await run.DrainAndVerifyAsync(
                () => Verification.Check(workload, registry.Database("registry"), engagement.Database("engagement"), housing.Database("housing"),
                    safeguarding.Database("safeguarding")), DrainBound);
            var errorQueues = (await broker.ListQueuesAsync())
                .Where(q => q.Messages > 0 && (q.Queue.EndsWith("_error", StringComparison.Ordinal) || q.Queue.EndsWith("_skipped", StringComparison.Ordinal)))
                .ToList();
            foreach (var (queue, messages) in errorQueues)
            {
                result.Problems.Add($"{messages} messages in {queue}");
            }
            var errorQueued = errorQueues.Sum(q => q.Messages);
            run.Report(result, errorQueued);

            Assert.True(result.Writes >= FaultRun.WritesWanted, $"{result.Writes} writes acknowledged");
            Assert.All(new[] { registry, engagement, housing, safeguarding }, host => Assert.Equal(2, host.Starts));
            Assert.Equal(0, errorQueued);
            Assert.Equal(0, result.Lost);
            Assert.Equal(0, result.Duplicated);
            Assert.Empty(result.Problems);
            passed = true;
        }
        finally
        {
            CleanUp(folder, passed, run);
        }
    }

    [SkippableFact]
    public async Task Standalone_host_loses_nothing_and_applies_nothing_twice_through_two_kills()
    {
        var run = new FaultRun("standalone", output);
        var folder = RunFolder();
        var passed = false;
        try
        {
            await using var host = await HostProcess.StartAsync("standalone", "services/Standalone", "Platform.Standalone", folder, Unlimited);
            run.Log("the standalone host is ready");

            var workload = new Workload(host.GrpcAddress, host.Database("engagement"), host.Database("housing"), host.Database("safeguarding"));
            await run.WriteThroughFaultsAsync(workload,
            [
                (0.30, "standalone-killed", () => RestartAsync(host)),
                (0.65, "standalone-killed", () => RestartAsync(host)),
            ]);
            var result = await run.DrainAndVerifyAsync(
                () => Verification.Check(workload, host.Database("registry"), host.Database("engagement"), host.Database("housing"),
                    host.Database("safeguarding")), DrainBound);
            run.Report(result);

            Assert.True(result.Writes >= FaultRun.WritesWanted, $"{result.Writes} writes acknowledged");
            Assert.Equal(3, host.Starts);
            Assert.Equal(0, result.Lost);
            Assert.Equal(0, result.Duplicated);
            Assert.Empty(result.Problems);
            passed = true;
        }
        finally
        {
            CleanUp(folder, passed, run);
        }
    }

    /// <summary>The gateway's (and the standalone host's) limits per caller and agency, out of the way of the load.</summary>
    private static readonly Dictionary<string, string> Unlimited = new()
    {
        ["Gateway__RateLimits__PerCaller__TokenLimit"] = "1000000",
        ["Gateway__RateLimits__PerCaller__TokensPerPeriod"] = "1000000",
        ["Gateway__RateLimits__PerAgency__TokenLimit"] = "1000000",
        ["Gateway__RateLimits__PerAgency__TokensPerPeriod"] = "1000000",
    };

    private static async Task RestartAsync(HostProcess host)
    {
        await host.KillAsync();
        await host.StartAsync();
    }

    private static void RequireBroker()
    {
        var unavailable = RabbitMqNode.Unavailable();
        if (unavailable is not null && Infrastructure.IsCi)
        {
            throw new InvalidOperationException($"The fault test needs RabbitMQ installed in CI: {unavailable}");
        }
        Skip.If(unavailable is not null, unavailable);
    }

    private static string RunFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-faults", "run-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A passed run's folder is deleted; a failed run's is kept, with every process's log, for a look.</summary>
    private static void CleanUp(string folder, bool passed, FaultRun run)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!passed)
        {
            run.Log($"kept for a look: {folder}");
            return;
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
