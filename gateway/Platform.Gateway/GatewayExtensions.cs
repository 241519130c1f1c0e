using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Trace;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Security;
using Platform.Gateway.Audit;
using Platform.Gateway.Edge;

namespace Platform.Gateway;

/// <summary>
/// The platform's front door. It validates the caller's token as the services do (and still forwards
/// it: every service checks it again), limits calls per caller and per agency, bounds request bodies,
/// serves the platform's audit API over every service's trail, and routes everything else by gRPC
/// package and JSON path to a healthy instance of the owning service. Its liveness and readiness
/// (/alive, /ready, gRPC health) and its guarded logs are the services' own: the paths and queries it
/// forwards are what callers sent, so none reaches a log.
/// </summary>
public static class GatewayExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("gateway");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Yarp.ReverseProxy"));
        // Every route needs a platform caller unless it says otherwise ("AuthorizationPolicy": "anonymous").
        builder.Services.Configure<AuthorizationOptions>(options =>
            options.FallbackPolicy = options.GetPolicy(AuthenticationExtensions.CallerPolicy));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            // One destination per address a service's name resolves to: with a headless Service, one per pod.
            .AddDnsDestinationResolver(options =>
                options.RefreshPeriod = builder.Configuration.GetValue("Gateway:DnsRefreshPeriod", TimeSpan.FromSeconds(30)));
        builder.AddGatewayRateLimits();
        builder.AddRequestBodyLimit();
        builder.AddAuditTrail<ClusterAuditSources>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapServiceDefaults();
        app.UseRateLimiter();
        app.MapAuditTrail();
        app.MapInternalServicesAsUnimplemented();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseRequestBodyLimit();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
