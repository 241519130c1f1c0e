using System.Diagnostics;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// MassTransit reports how it is used to its vendor over HTTPS unless switched off. A safeguarding
/// platform sends nothing anywhere it was not configured to: the bus makes no outbound HTTP request,
/// even with the vendor's switch set to on and its report asked for at shutdown.
/// </summary>
[Collection(nameof(UsageTelemetryTests))]
[CollectionDefinition(nameof(UsageTelemetryTests), DisableParallelization = true)]
public sealed class UsageTelemetryTests
{
    private const string VendorSwitch = "MASSTRANSIT_USAGE_TELEMETRY";

    [Fact]
    public async Task The_bus_calls_nowhere_even_when_the_vendors_switch_asks_it_to_report()
    {
        using var outbound = new OutboundHttpRequests();
        var before = Environment.GetEnvironmentVariable(VendorSwitch);
        Environment.SetEnvironmentVariable(VendorSwitch, "true");
        bool enabled;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddEventBus(builder.Configuration);
            // Report at shutdown, not minutes after start-up, so that a report would happen within the test.
            builder.Services.Configure<UsageTelemetryOptions>(options => options.ReportOnShutdown = true);
            var host = builder.Build();
            await host.StartAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await host.StopAsync();
            enabled = host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled;
            // The vendor's report is sent when the bus's tracker is disposed with the host.
            await ((IAsyncDisposable)host).DisposeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(VendorSwitch, before);
        }

        Assert.DoesNotContain(outbound.Hosts, host => !IsLoopback(host));
        Assert.False(enabled);
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Every HTTP request any HttpClient in this process starts, by host name.</summary>
    private sealed class OutboundHttpRequests : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _hosts = [];

        public OutboundHttpRequests() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public IReadOnlyList<string> Hosts
        {
            get
            {
                lock (_hosts)
                {
                    return [.. _hosts];
                }
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "HttpHandlerDiagnosticListener")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri })
            {
                lock (_hosts)
                {
                    _hosts.Add(uri.Host);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(subscription => subscription.Dispose());
            }
        }
    }
}
