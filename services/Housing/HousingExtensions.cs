using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Housing.Background;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.Domain.Scoring;
using Platform.Housing.Grpc;
using Platform.Housing.IntegrationEvents.EventHandling;

namespace Platform.Housing;

/// <summary>All of the housing service's wiring, so that its own host and the standalone host add it the same way.</summary>
public static class HousingExtensions
{
    public const string ServiceName = "Housing";

    private const string Endpoints = "housing";

    public static WebApplicationBuilder AddHousing(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, connection => new HousingDatabase(connection));
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOutboxDispatcher<HousingDatabase>();
        services.AddPersonAccessProjection<HousingDatabase>(Endpoints);
        services.AddSingleton(configuration.GetSection("Housing:Matching:Weights").Get<MatchWeights>() ?? new MatchWeights());
        services.AddSingleton(configuration.GetSection("Housing:Matching").Get<MatchingOptions>() ?? new MatchingOptions());
        services.AddSingleton(configuration.GetSection("Housing:LocalConnection").Get<LocalConnectionOptions>() ?? new LocalConnectionOptions());
        services.AddSingleton(configuration.GetSection("Housing:Offers").Get<OfferPolicy>() ?? new OfferPolicy());
        services.AddSingleton<SoftScorer>();
        services.AddSingleton<PlacementMatcher>();
        services.AddSingleton<PlacementIndex>();
        var replica = new PlacementIndexReplica();
        services.AddSingleton(replica);
        services.AddSingleton<PlacementIndexLoader>();
        services.AddSingleton<CatalogueStore>();
        services.AddSingleton<VacancyStore>();
        services.AddSingleton<OfferStore>();
        services.AddSingleton<TenancyStore>();
        services.AddSingleton<PersonFactsStore>();
        services.AddSingleton<MatchSubjects>();
        services.AddSingleton<OpenOfferRecheck>();
        services.AddSingleton<HoldExpiry>();
        services.AddHostedService<PlacementIndexRefresher>();
        services.AddHostedService<HoldExpirySweeper>();
        services.AddConsumer<AddressTimelineConsumer>(Endpoints, "address-timeline");
        services.AddConsumer<RiskLevelChangedConsumer>(Endpoints, "risk-level-changed");
        // One queue per replica, deleted when it stops: every replica hears of every change.
        services.AddSingleton(new ConsumerRegistration(typeof(PlacementsChangedConsumer), $"{Endpoints}-placements-{replica.Id}", Temporary: true));
        return builder;
    }

    public static WebApplication MapHousing(this WebApplication app)
    {
        app.MapGrpcService<CatalogueGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<VacancyGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<NeedsGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<MatchingGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<OfferGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<TenancyGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
