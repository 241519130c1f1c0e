using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting.Logging;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>What every host has: gRPC with JSON transcoding and one error mapping, request limits,
/// liveness and readiness, reflection, authentication, telemetry and guarded structured logs.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string hostName)
    {
        // Handlers log ids and outcomes; the guard keeps out what callers send and caps every entry.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = PlatformLogging.DefaultLevels });
        builder.Logging.AddPlatformLogging();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddRequestLimits();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorMappingInterceptor>();
            RequestLimits.Apply(options);
        }).AddJsonTranscoding(options =>
            // Error details (BadRequest field violations) must render in JSON responses too.
            options.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddPlatformHealth();
        builder.AddPlatformAuthentication();
        builder.AddTelemetry(hostName);
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseRequestLimits();
        app.UseUnreadableRequestsAsInvalidArgument();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPlatformHealth();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapDevelopmentTokens();
        return app;
    }

    /// <summary>
    /// Traces and metrics for a configured OTLP collector. With none configured nothing is registered at
    /// all: spans and measurements that no exporter reads would cost every request and tell no one.
    /// </summary>
    private static void AddTelemetry(this WebApplicationBuilder builder, string hostName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(hostName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("MassTransit")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("MassTransit", Messaging.OutboxMetrics.MeterName)
                .AddOtlpExporter());
    }
}
