using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;

namespace Platform.Engagement.Bench;

/// <summary>The engagement service as its own process runs it, on a loopback port, with its data in a fresh folder.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private const string SigningKey = "bench-only-signing-key-with-at-least-32-characters";
    private static readonly AuthOptions Auth = new() { Issuer = "platform-bench", Audience = "platform", SigningKey = SigningKey };

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Address = address;
    }

    public string DataDirectory { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchHost> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = data,
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:Issuer"] = Auth.Issuer,
            ["Auth:Audience"] = Auth.Audience,
            ["Messaging:Transport"] = "InMemory",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults("engagement-bench");
        builder.AddEngagement();
        builder.AddEventBus();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapEngagement();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(app, data, new Uri(address));
    }

    /// <summary>A channel calling as a worker of <paramref name="agency"/> (role as given).</summary>
    public GrpcChannel Channel(string role, string agency, string area)
    {
        var token = DevelopmentTokens.Issue(Auth, $"bench@{agency}", role, agency, area);
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
