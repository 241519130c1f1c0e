using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.Grpc;
using Platform.Registry.IntegrationEvents;

namespace Platform.Registry;

/// <summary>All of the registry's wiring, so that its own host and the standalone host add it the same way.</summary>
public static class RegistryExtensions
{
    public const string ServiceName = "Registry";

    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, connection => new RegistryDatabase(connection));
        var services = builder.Services;
        services.AddOutboxDispatcher<RegistryDatabase>();
        services.AddSingleton<RegistryAccessFacts>();
        services.AddSingleton(provider => new PersonAccessGuard<RegistryDatabase>(
            provider.GetRequiredService<RegistryDatabase>(),
            provider.GetRequiredService<RegistryAccessFacts>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(builder.Configuration.GetSection("Registry:Duplicates").Get<DuplicateScoringOptions>() ?? new DuplicateScoringOptions());
        services.AddSingleton<DuplicateScorer>();
        services.AddSingleton<PersonStore>();
        services.AddSingleton<AddressStore>();
        services.AddSingleton<InvolvementStore>();
        services.AddSingleton<RelationshipStore>();
        services.AddSingleton<LinkStore>();
        services.AddSingleton<PersonGroupStore>();
        services.AddSingleton<SharingStore>();
        services.AddSingleton<CandidateQueries>();
        services.AddSingleton<PersonViews>();
        services.AddSingleton<PersonSearch>();
        services.AddSingleton<DuplicateFinder>();
        services.AddSingleton<PersonStateStore>();
        services.AddSingleton<PersonStatePublisher>();
        services.AddHostedService<PersonStateBackfill>();
        services.AddHostedService<NameBirthKeyBackfill>();
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapGrpcService<PeopleGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<AddressGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<InvolvementGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<RelationshipGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        app.MapGrpcService<AccessGrpcService>().RequireAuthorization(AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
