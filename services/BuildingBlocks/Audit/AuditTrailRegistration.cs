using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.Audit.Grpc;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// How trails join the platform's audit API: every service database is a source the moment it is
/// registered (<see cref="DatabaseRegistration.AddServiceDatabase{TDatabase}"/>), so a new service
/// is included without a change here.
/// </summary>
public static class AuditTrailRegistration
{
    internal static void AddDatabaseAuditSource<TDatabase>(this IServiceCollection services) where TDatabase : ServiceDatabase =>
        services.AddSingleton(provider => new DatabaseAuditSource(
            provider.GetRequiredService<TDatabase>(), provider.GetRequiredService<TimeProvider>()));

    /// <summary>The platform's audit API over this host's own service databases (the standalone host).</summary>
    public static WebApplicationBuilder AddAuditTrail(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IAuditSources, LocalAuditSources>();
        return builder;
    }

    /// <summary>The platform's audit API over sources found another way (the gateway: its clusters).</summary>
    public static WebApplicationBuilder AddAuditTrail<TSources>(this WebApplicationBuilder builder) where TSources : class, IAuditSources
    {
        builder.Services.AddSingleton<IAuditSources, TSources>();
        return builder;
    }

    /// <summary>Serves platform.audit.v1.AuditService (gRPC and GET /v1/audit/events).</summary>
    public static WebApplication MapAuditTrail(this WebApplication app)
    {
        app.MapGrpcService<AuditGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }

    /// <summary>A service's own process: serves its trail to the gateway (platform.audit.v1.AuditLogService).</summary>
    public static WebApplication MapAuditLog(this WebApplication app)
    {
        app.MapGrpcService<AuditLogGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
