using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;

namespace Platform.Bench;

/// <summary>
/// A service as its own Program.cs wires it, on Kestrel (cleartext HTTP/2 on a free loopback port),
/// with SQLite in the given folder and the in-memory bus, for a benchmark to call over a real socket.
/// It runs as Development, the one environment that accepts a symmetric key: the key is
/// <c>Auth__SigningKey</c> from the environment when set (to share it with other processes), else
/// one made for the run. Nothing else differs for the code measured.
/// </summary>
public static class ServiceHost
{
    public static readonly AuthOptions Auth = new()
    {
        SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey") is { Length: >= AuthOptions.MinimumSigningKeyLength } shared
            ? shared
            : AuthOptions.GenerateDevelopmentKey(),
    };

    public static WebApplication Build(
        string name, string dataDirectory, Action<WebApplicationBuilder> add, Action<WebApplication> map,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = dataDirectory,
            ["Auth:SigningKey"] = Auth.SigningKey,
            ["Auth:Issuer"] = Auth.Issuer,
            ["Auth:Audience"] = Auth.Audience,
            ["Messaging:Transport"] = "InMemory",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults(name);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        add(builder);
        builder.AddEventBus();
        var app = builder.Build();
        app.MapServiceDefaults();
        map(app);
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A channel to <paramref name="address"/> calling with a token for the given role, agency and area.</summary>
    public static GrpcChannel Channel(Uri address, string role, string agency, string area) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new BearerHandler(DevelopmentTokens.Issue(Auth, $"bench@{agency}", role, agency, area)),
        });

    private sealed class BearerHandler(string token) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
