using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.Grpc;

namespace Platform.Safeguarding;

/// <summary>All of the safeguarding service's wiring, so that its own host and the standalone host add it the same way.</summary>
public static class SafeguardingExtensions
{
    public const string ServiceName = "Safeguarding";

    private const string Endpoints = "safeguarding";

    public static WebApplicationBuilder AddSafeguarding(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, connection => new SafeguardingDatabase(connection));
        var services = builder.Services;
        services.AddOutboxDispatcher<SafeguardingDatabase>();
        // The registry's snapshots of each person's access state: who may see her here.
        services.AddPersonAccessProjection<SafeguardingDatabase>(Endpoints);
        var options = builder.Configuration.GetSection("Safeguarding:DomesticAbuse").Get<DomesticAbuseOptions>() ?? new DomesticAbuseOptions();
        services.AddSingleton(options);
        services.AddSingleton(DashQuestionSet.Load(options.ChecklistPath));
        services.AddSingleton<DashScoring>();
        services.AddSingleton<MaracCriteria>();
        services.AddSingleton<ConcernStore>();
        services.AddSingleton<DomesticAbuseStore>();
        return builder;
    }

    public static WebApplication MapSafeguarding(this WebApplication app)
    {
        app.MapGrpcService<ConcernGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<DomesticAbuseGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
