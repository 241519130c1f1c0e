using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Safeguarding.Board;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.EventHandling;
using Platform.Safeguarding.Grpc;
using Platform.Safeguarding.Plans;
using Platform.Safeguarding.Referrals;
using Platform.Safeguarding.Worklists;

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
        services.AddSingleton<CapacityStore>();
        services.AddPlansAndReferrals(builder.Configuration);
        return builder;
    }

    public static WebApplication MapSafeguarding(this WebApplication app)
    {
        app.MapGrpcService<ConcernGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<DomesticAbuseGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<PlanGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<ReferralGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<CapacityGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<WorklistGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }

    /// <summary>Plans, referrals, the overdue check, the events they answer, the worklist and the board figures.</summary>
    private static void AddPlansAndReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PlanOptions>(configuration.GetSection("Safeguarding:Plans"));
        services.AddSingleton(configuration.GetSection("Safeguarding:Referrals").Get<ReferralOptions>() ?? new ReferralOptions());
        services.AddSingleton<PlanStore>();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<ReferralRecorder>();
        services.AddSingleton<UrgentReview>();
        services.AddSingleton<OverdueActionSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<OverdueActionSweep>());
        services.AddConsumer<DisengagementDetectedConsumer>(Endpoints, "disengagement-detected");
        services.AddConsumer<TenancyEndedConsumer>(Endpoints, "tenancy-ended");
        services.AddConsumer<PersonMovedConsumer>(Endpoints, "person-moved");
        services.AddConsumer<PersonsLinkedConsumer>(Endpoints, "persons-linked");
        services.AddSingleton<IWorkSource, OverdueActionsSource>();
        services.AddSingleton<IWorkSource, ReviewsDueSource>();
        services.AddSingleton<IWorkSource, UnansweredReferralsSource>();
        services.Configure<ConcernWorkOptions>(configuration.GetSection("Safeguarding:Concerns"));
        services.AddSingleton<IWorkSource, ConcernsAwaitingDecisionSource>();
        services.AddSingleton<IWorkSource, FollowUpsDueSource>();
        services.AddSingleton<WorklistReader>();
        services.Configure<BoardOptions>(configuration.GetSection("Safeguarding:Board"));
        services.AddSingleton<BoardFiguresQuery>();
    }
}
