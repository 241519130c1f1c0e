using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// Two questions an orchestrator asks, answered apart. <c>GET /alive</c>: is the process serving at
/// all (no dependency checked, so a database outage never restarts a pod). <c>GET /ready</c>: may it
/// take calls now (every check tagged <see cref="Ready"/>: its database, the broker connection,
/// and whatever else a service registers with that tag). Both answer 200 or 503 with the status
/// word only: which check failed, and why, goes to the log.
/// </summary>
public static class HealthEndpoints
{
    public const string AlivePath = "/alive";
    public const string ReadyPath = "/ready";

    /// <summary>The tag of a check that must pass before the host takes calls (MassTransit tags its bus check so).</summary>
    public const string Ready = "ready";

    private const string Live = "live";

    public static IServiceCollection AddPlatformHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck("process", () => HealthCheckResult.Healthy(), [Live]);
        // gRPC clients asking grpc.health.v1 for the host ("") learn its readiness.
        services.AddGrpcHealthChecks(options => options.Services.Map("", check => check.Tags.Contains(Ready)));
        return services;
    }

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(AlivePath, Tagged(Live)).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, Tagged(Ready)).AllowAnonymous();
        endpoints.MapGrpcHealthChecksService().AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckOptions Tagged(string tag) => new() { Predicate = check => check.Tags.Contains(tag) };
}
