namespace Platform.Gateway;

/// <summary>
/// The gateway authenticates nothing itself: it forwards the caller's bearer token, and every
/// service checks it. It answers its own health (gRPC and /healthz) so orchestrators can probe it.
/// </summary>
public static class GatewayExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole();
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/healthz");
        app.MapReverseProxy();
        return app;
    }
}
