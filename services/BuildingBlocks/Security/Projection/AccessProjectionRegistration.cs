using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Security.Projection;

public static class AccessProjectionRegistration
{
    /// <summary>
    /// For a service other than the registry: keep the access projection from the registry's events
    /// and guard person data with it. The tables come with the platform migrations.
    /// </summary>
    public static IServiceCollection AddPersonAccessProjection<TDatabase>(this IServiceCollection services, string service)
        where TDatabase : ServiceDatabase
    {
        services.AddSingleton<ProjectedAccessFacts>();
        services.AddSingleton(provider => new PersonAccessGuard<TDatabase>(
            provider.GetRequiredService<TDatabase>(),
            provider.GetRequiredService<ProjectedAccessFacts>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddConsumer<PersonRegisteredProjector<TDatabase>>(service, "access-person-registered");
        services.AddConsumer<PersonMovedProjector<TDatabase>>(service, "access-person-moved");
        services.AddConsumer<InvolvementStartedProjector<TDatabase>>(service, "access-involvement-started");
        services.AddConsumer<InvolvementEndedProjector<TDatabase>>(service, "access-involvement-ended");
        services.AddConsumer<RecordSharedProjector<TDatabase>>(service, "access-record-shared");
        services.AddConsumer<PersonsLinkedProjector<TDatabase>>(service, "access-persons-linked");
        services.AddConsumer<PersonsUnlinkedProjector<TDatabase>>(service, "access-persons-unlinked");
        return services;
    }
}
