using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>
/// A plain host with one service database and the platform's event bus, configured exactly as the
/// services configure it (<see cref="EventBusExtensions.AddEventBus(IServiceCollection, IConfiguration)"/>):
/// the in-memory transport, or RabbitMQ with <c>Messaging:Transport=RabbitMq</c>. Every publish and
/// every consumed delivery is observed.
/// </summary>
public sealed class BusHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _rabbitMq;
    private bool _stopped;

    private BusHost(IHost host, string instanceName, bool rabbitMq)
    {
        _host = host;
        InstanceName = instanceName;
        _rabbitMq = rabbitMq;
    }

    /// <summary>Prefix of this host's queue names, so that parallel hosts on one broker stay apart.</summary>
    public string InstanceName { get; }

    public IServiceProvider Services => _host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public PublishLog Published { get; } = new();

    public ConsumeLog Consumed { get; } = new();

    public EffectProbe Probe => Services.GetRequiredService<EffectProbe>();

    public EventRecorder Events => Services.GetRequiredService<EventRecorder>();

    /// <param name="configure">Adds consumers (named with the instance name) and anything else the test needs.</param>
    public static async Task<BusHost> StartAsync(
        TestDatabase database, Action<IServiceCollection, string> configure, bool rabbitMq = false, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var instance = "bb-test-" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = rabbitMq ? "RabbitMq" : "InMemory",
            ["Messaging:RabbitMq:Host"] = Infrastructure.RabbitMqHost,
        });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<EffectProbe>();
        builder.Services.AddSingleton<EventRecorder>();
        configure(builder.Services, instance);
        builder.Services.AddEventBus(builder.Configuration);

        var host = builder.Build();
        var busHost = new BusHost(host, instance, rabbitMq);
        var bus = host.Services.GetRequiredService<IBus>();
        bus.ConnectPublishObserver(busHost.Published);
        bus.ConnectConsumeObserver(busHost.Consumed);
        await host.StartAsync();
        return busHost;
    }

    /// <summary>Stops the bus; its queues stay on the broker until the host is disposed.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var endpoints = Services.GetServices<ConsumerRegistration>().Select(c => c.EndpointName).ToList();
        await StopAsync();
        _host.Dispose();
        if (_rabbitMq)
        {
            await DeleteBrokerEndpointsAsync(endpoints);
        }
    }

    /// <summary>Endpoint queues are durable: remove this host's so that they do not collect events after the test.</summary>
    private static async Task DeleteBrokerEndpointsAsync(IEnumerable<string> endpoints)
    {
        var factory = new ConnectionFactory { HostName = Infrastructure.RabbitMqHost, Port = 5672, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync();
        foreach (var name in endpoints.SelectMany(e => new[] { e, e + "_error", e + "_skipped" }))
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
            await channel.ExchangeDeleteAsync(name, ifUnused: false);
        }
    }
}
