using Grpc.Core;

namespace Platform.Load.Echo;

/// <summary>
/// The bare echo service, run as its own process (this program started with <see cref="Variable"/> set)
/// on the Kestrel endpoints the environment names, as the platform's services are: the reference a
/// service's call is compared with, through the same gateway and directly.
/// </summary>
public sealed class EchoServer : EchoService.EchoServiceBase
{
    public const string Variable = "PLATFORM_LOAD_ECHO";

    public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoServer>();
        app.MapGet("/ready", () => "ready");
        await app.RunAsync();
    }
}
