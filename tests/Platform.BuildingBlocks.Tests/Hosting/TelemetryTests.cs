using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>
/// Every host (each service, the standalone host and the gateway, all through AddServiceDefaults)
/// records traces and metrics, and sends them only where OTEL_EXPORTER_OTLP_ENDPOINT says: with it
/// unset nothing reaches even the OTLP exporter's default collector ports on this machine.
/// </summary>
[Collection(nameof(TelemetryTests))]
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Traces_and_metrics_go_to_the_configured_OTLP_endpoint()
    {
        using var collector = new Collector();
        await using var host = await TestHost.StartAsync(_ => { }, _ => { }, new TestHostOptions
        {
            Configuration = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
        });

        await CallAndFlushAsync(host);

        await Eventually.HoldsAsync(() => collector.Paths.Contains("/v1/traces") && collector.Paths.Contains("/v1/metrics"),
            "the collector received traces and metrics");
    }

    [SkippableFact]
    public async Task Nothing_is_sent_anywhere_when_no_endpoint_is_configured()
    {
        // The exporter's defaults: gRPC on 4317, HTTP on 4318.
        using var grpcPort = Listen(4317);
        using var httpPort = Listen(4318);
        Skip.If(grpcPort is null || httpPort is null, "a collector's default port (4317 or 4318) is in use on this machine");
        await using var host = await TestHost.StartAsync(_ => { }, _ => { });

        await CallAndFlushAsync(host);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Unconfigured, no span or measurement is made at all, let alone exported.
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.False(grpcPort!.Pending(), "something connected to the default OTLP gRPC port");
        Assert.False(httpPort!.Pending(), "something connected to the default OTLP HTTP port");
    }

    private static async Task CallAndFlushAsync(TestHost host)
    {
        using var http = host.HttpWithToken("");
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("/alive")).EnsureSuccessStatusCode();
        }
        host.Services.GetService<TracerProvider>()?.ForceFlush(5000);
        host.Services.GetService<MeterProvider>()?.ForceFlush(5000);
    }

    private static TcpListener? Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    /// <summary>An OTLP/HTTP collector that answers 200 to every export and notes its path.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentBag<string> _paths = [];

        public Collector()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Address = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
            }
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public IReadOnlyCollection<string> Paths => [.. _paths];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    _paths.Add(context.Request.Url!.AbsolutePath);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
