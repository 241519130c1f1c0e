using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers a service's database, applies its migrations at start-up (before the host serves
    /// calls), and reports it in the readiness checks.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TDatabase>(
        this WebApplicationBuilder builder, string service, Func<DatabaseConnection, TDatabase> create)
        where TDatabase : ServiceDatabase
    {
        DapperTypeHandlers.Register();
        var connection = DatabaseSettings.Resolve(builder.Configuration, service, builder.Environment.ContentRootPath);
        // Made by the container, so that it is disposed (its pooled connections closed) when the host stops.
        builder.Services.AddSingleton(_ => create(connection));
        builder.Services.AddHostedService(provider => new MigrationHostedService<TDatabase>(
            provider.GetRequiredService<TDatabase>(),
            typeof(TDatabase).Assembly,
            provider.GetRequiredService<ILoggerFactory>()));
        // Every service database holds an audit trail, which the platform's audit API reads.
        builder.Services.AddDatabaseAuditSource<TDatabase>();
        // Readiness only: an unreachable database takes the host out of service, it does not restart it.
        // Short timeout: a probe that hangs on a connect timeout says nothing in time.
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDatabase>>(
            $"{service.ToLowerInvariant()}-database", tags: [HealthEndpoints.Ready], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    private sealed class MigrationHostedService<TDatabase>(TDatabase database, Assembly assembly, ILoggerFactory loggers)
        : IHostedService where TDatabase : ServiceDatabase
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            new MigrationRunner(database, loggers.CreateLogger<MigrationRunner>()).ApplyAsync(assembly, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck<TDatabase>(TDatabase database) : IHealthCheck where TDatabase : ServiceDatabase
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await database.ProbeAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }
}
