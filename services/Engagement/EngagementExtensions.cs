using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Data;
using Platform.Engagement.Disengagement;
using Platform.Engagement.Domain;
using Platform.Engagement.EventHandling;
using Platform.Engagement.Grpc;

namespace Platform.Engagement;

/// <summary>All of the engagement service's wiring, so that its own host and the standalone host add it the same way.</summary>
public static class EngagementExtensions
{
    public const string ServiceName = "Engagement";

    public static WebApplicationBuilder AddEngagement(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, connection => new EngagementDatabase(connection));
        var services = builder.Services;
        services.AddOutboxDispatcher<EngagementDatabase>();
        services.AddPersonAccessProjection<EngagementDatabase>(ServiceName);
        services.Configure<DisengagementOptions>(builder.Configuration.GetSection("Engagement:Disengagement"));
        services.AddSingleton(provider => new DisengagementRule(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DisengagementOptions>>().Value));
        services.AddSingleton<ContactStore>();
        services.AddSingleton<ChronologyStore>();
        services.AddSingleton<EngagementStateStore>();
        services.AddSingleton<PersonContextStore>();
        services.AddSingleton<PersonNameStore>();
        services.AddSingleton<ChronologyNames>();
        services.AddSingleton<EpisodeStore>();
        services.AddSingleton<HandoverStore>();
        services.AddSingleton<ContactRecorder>();
        services.AddSingleton<HandoverRecorder>();
        services.AddSingleton<DisengagementMonitor>();
        services.AddSingleton<DisengagementSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<DisengagementSweep>());
        services.AddSingleton<ContactImport>();
        services.AddChronologySources();
        services.AddConsumer<PersonAddressesChangedConsumer>(ServiceName, "person-addresses-changed");
        services.AddConsumer<PersonMovedConsumer>(ServiceName, "person-moved");
        services.AddConsumer<PersonsLinkedConsumer>(ServiceName, "persons-linked");
        services.AddConsumer<PersonRegisteredConsumer>(ServiceName, "person-registered");
        services.AddConsumer<PersonUpdatedConsumer>(ServiceName, "person-updated");
        services.AddConsumer<RiskLevelChangedConsumer>(ServiceName, "risk-level-changed");
        services.AddConsumer<OutreachRequestedConsumer>(ServiceName, "assertive-outreach-requested");
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        app.MapGrpcService<ContactGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<ChronologyGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<OutreachGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
