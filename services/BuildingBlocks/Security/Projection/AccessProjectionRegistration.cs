using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Security.Projection;

public static class AccessProjectionRegistration
{
    /// <summary>
    /// For a service other than the registry: keep the access projection from the registry's snapshots
    /// of each record's state (<c>PersonAccessChanged</c>, one queue) and guard person data with it.
    /// The tables come with the platform migrations.
    /// </summary>
    public static IServiceCollection AddPersonAccessProjection<TDatabase>(this IServiceCollection services, string service)
        where TDatabase : ServiceDatabase
    {
        services.AddSingleton<ProjectedAccessFacts>();
        services.AddSingleton(provider => new PersonAccessGuard<TDatabase>(
            provider.GetRequiredService<TDatabase>(),
            provider.GetRequiredService<ProjectedAccessFacts>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddConsumer<PersonAccessChangedProjector<TDatabase>>(service, "access-person-access-changed");
        return services;
    }
}
