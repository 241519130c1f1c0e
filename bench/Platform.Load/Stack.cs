using Grpc.Core;
using Grpc.Net.Client;
using Platform.EndToEnd.Tests;
using Platform.Load.Echo;

namespace Platform.Load;

/// <summary>
/// The platform as the distributed end-to-end tests start it — registry, engagement, housing and
/// safeguarding as separate processes on SQLite, exchanging events through RabbitMQ under a queue
/// prefix of their own (temporary queues, deleted when they stop) — with the bare echo service as a
/// fifth process and the gateway in front of all of them.
/// </summary>
public sealed class Stack : IAsyncDisposable
{
    private readonly List<PlatformProcess> _processes = [];

    public PlatformProcess Registry { get; private set; } = null!;
    public PlatformProcess Engagement { get; private set; } = null!;
    public PlatformProcess Housing { get; private set; } = null!;
    public PlatformProcess Echo { get; private set; } = null!;
    public PlatformProcess Gateway { get; private set; } = null!;

    /// <summary>The processes whose CPU each row reports, by name (this one included).</summary>
    public IReadOnlyDictionary<string, int> ProcessIds { get; private set; } = new Dictionary<string, int>();

    /// <summary>A support worker in Bristol, with a token from the gateway's /dev/token as a new user gets one.</summary>
    public Metadata Worker { get; private set; } = null!;

    public static async Task<Stack> StartAsync(LoadOptions options)
    {
        var stack = new Stack();
        try
        {
            await stack.StartProcessesAsync(options);
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        return stack;
    }

    private async Task StartProcessesAsync(LoadOptions options)
    {
        var bus = new Dictionary<string, string>
        {
            ["Database__SqliteSynchronous"] = options.SqliteSynchronous,
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Host"] = options.RabbitMqHost,
            ["Messaging__QueuePrefix"] = $"load-{Guid.NewGuid():N}-",
        };
        Registry = await StartAsync("services/Registry", "Platform.Registry", bus);
        Engagement = await StartAsync("services/Engagement", "Platform.Engagement", bus);
        Housing = await StartAsync("services/Housing", "Platform.Housing", bus);
        var safeguarding = await StartAsync("services/Safeguarding", "Platform.Safeguarding", bus);
        Echo = await StartAsync("bench/Platform.Load", "Platform.Load", new Dictionary<string, string> { [EchoServer.Variable] = "1" });
        Gateway = await StartAsync("gateway/Platform.Gateway", "Platform.Gateway", new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = Registry.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = Engagement.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__housing__Destinations__primary__Address"] = Housing.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__safeguarding__Destinations__primary__Address"] = safeguarding.GrpcAddress.ToString(),
            // The reference route: added for the run, through the same authentication as the services' routes.
            ["ReverseProxy__Routes__echo-grpc__ClusterId"] = "echo",
            ["ReverseProxy__Routes__echo-grpc__Match__Path"] = "/platform.bench.v1.EchoService/{method}",
            ["ReverseProxy__Clusters__echo__HttpRequest__Version"] = "2",
            ["ReverseProxy__Clusters__echo__HttpRequest__VersionPolicy"] = "RequestVersionExact",
            ["ReverseProxy__Clusters__echo__Destinations__primary__Address"] = Echo.GrpcAddress.ToString(),
            // The gateway must not throttle the load it measures.
            ["Gateway__RateLimits__PerCaller__TokenLimit"] = "1000000",
            ["Gateway__RateLimits__PerCaller__TokensPerPeriod"] = "1000000",
            ["Gateway__RateLimits__PerAgency__TokenLimit"] = "1000000",
            ["Gateway__RateLimits__PerAgency__TokensPerPeriod"] = "1000000",
        });
        ProcessIds = new Dictionary<string, int>
        {
            ["gateway"] = Gateway.ProcessId, ["registry"] = Registry.ProcessId, ["engagement"] = Engagement.ProcessId,
            ["housing"] = Housing.ProcessId, ["safeguarding"] = safeguarding.ProcessId, ["echo"] = Echo.ProcessId,
            ["load"] = Environment.ProcessId,
        };
        var token = await DevelopmentToken.GetAsync(Gateway.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        Worker = new Metadata { { "authorization", $"Bearer {token}" } };
    }

    public static string Database(PlatformProcess service, string name) => Path.Combine(service.DataDirectory, name + ".db");

    /// <summary>Channels to <paramref name="target"/>, each its own HTTP/2 connection.</summary>
    public static GrpcChannel[] Channels(PlatformProcess target, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => GrpcChannel.ForAddress(target.GrpcAddress))];

    private async Task<PlatformProcess> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        var process = await PlatformProcess.StartAsync(folder, assembly, environment);
        _processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}
