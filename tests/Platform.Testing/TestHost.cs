using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;

namespace Platform.Testing;

public sealed class TestHostOptions
{
    /// <summary>Use the real RabbitMQ broker instead of the in-memory bus.</summary>
    public bool RabbitMq { get; init; }

    /// <summary>Event types to record from the bus, as a consumer in another service would receive them.</summary>
    public IReadOnlyList<Type> RecordEvents { get; init; } = [];

    /// <summary>Reuse a data folder (to restart a host over the same databases).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A distinct name keeps RabbitMQ queues of parallel test hosts apart.</summary>
    public string InstanceName { get; init; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Configuration applied over the test defaults, e.g. <c>Database:Provider=SqlServer</c> with
    /// <c>ConnectionStrings:Registry</c> to run a service against SQL Server.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Capture every log entry of every category at Trace (the most a deployment could switch on),
    /// instead of writing warnings to the console.
    /// </summary>
    public LogCapture? Logs { get; init; }
}

/// <summary>
/// One or more services in process, exactly as the standalone host wires them, over TestServer:
/// real gRPC (HTTP/2 framing through the test handler), real SQLite files in a temporary folder,
/// a real bus, and a fake clock that tests move.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private TestHost(WebApplication app, string dataDirectory, bool ownsData, FakeTimeProvider clock)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
        Clock = clock;
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public EventRecorder Events => Services.GetRequiredService<EventRecorder>();

    public IServiceProvider Services => _app.Services;

    public static async Task<TestHost> StartAsync(
        Action<WebApplicationBuilder> addServices, Action<WebApplication> mapServices, TestHostOptions? options = null)
    {
        options ??= new TestHostOptions();
        var ownsData = options.DataDirectory is null;
        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = data,
            ["Auth:SigningKey"] = TestAuth.SigningKey,
            ["Auth:Issuer"] = TestAuth.Options.Issuer,
            ["Auth:Audience"] = TestAuth.Options.Audience,
            ["Messaging:Transport"] = options.RabbitMq ? "RabbitMq" : "InMemory",
            ["Messaging:RabbitMq:Host"] = Infrastructure.RabbitMqHost,
            // Test hosts in parallel share the broker: each consumes from queues of its own.
            ["Messaging:QueuePrefix"] = options.RabbitMq ? options.InstanceName + "-" : "",
        });
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDefaults(options.InstanceName);
        if (options.Logs is null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        else
        {
            builder.Logging.ClearProviders().AddProvider(options.Logs);
            builder.Services.Configure<LoggerFilterOptions>(filters =>
            {
                filters.Rules.Clear();
                filters.MinLevel = LogLevel.Trace;
            });
        }
        addServices(builder);
        builder.Services.AddSingleton<EventRecorder>();
        foreach (var type in options.RecordEvents)
        {
            var consumer = typeof(RecordingConsumer<>).MakeGenericType(type);
            builder.Services.AddSingleton(new ConsumerRegistration(consumer, $"{options.InstanceName}-record-{type.Name}".ToLowerInvariant(), Temporary: true));
        }
        builder.AddEventBus();

        var app = builder.Build();
        app.MapServiceDefaults();
        mapServices(app);
        await app.StartAsync();
        return new TestHost(app, data, ownsData, clock);
    }

    /// <summary>A gRPC channel through the in-process server, calling as the given identity (none: anonymous).</summary>
    public GrpcChannel Channel(Identity? who, string? breakGlassReason = null) =>
        GrpcChannel.ForAddress(_app.GetTestServer().BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new AuthorizingHandler(who is null ? null : TestAuth.Token(who), _app.GetTestServer().CreateHandler(), breakGlassReason),
        });

    /// <summary>A gRPC channel through the in-process server, calling with exactly this bearer token.</summary>
    public GrpcChannel ChannelWithToken(string token) =>
        GrpcChannel.ForAddress(_app.GetTestServer().BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new AuthorizingHandler(token, _app.GetTestServer().CreateHandler()),
        });

    /// <summary>An HTTP client for the JSON form of the API, calling with exactly this bearer token.</summary>
    public HttpClient HttpWithToken(string token) =>
        new(new AuthorizingHandler(token, _app.GetTestServer().CreateHandler())) { BaseAddress = _app.GetTestServer().BaseAddress };

    /// <summary>An HTTP client for the JSON (transcoded) form of the API.</summary>
    public HttpClient Http(Identity? who, string? breakGlassReason = null) =>
        new(new AuthorizingHandler(who is null ? null : TestAuth.Token(who), _app.GetTestServer().CreateHandler(), breakGlassReason))
        {
            BaseAddress = _app.GetTestServer().BaseAddress,
        };

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean from the temp folder.
            }
        }
    }
}
