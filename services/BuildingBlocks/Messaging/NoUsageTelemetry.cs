using MassTransit;
using MassTransit.UsageTracking;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// MassTransit reports how it is used (bus, transport, endpoints, host, cloud region) to its vendor
/// over HTTPS after start-up unless switched off, and its environment variable
/// <c>MASSTRANSIT_USAGE_TELEMETRY</c> overrides the option. A safeguarding platform sends nothing
/// anywhere it was not configured to, so the option is off and the tracker that would send is
/// replaced by one that observes nothing: no setting can turn it back on.
/// </summary>
internal sealed class NoUsageTelemetry : IUsageTracker
{
    public static void Register(IServiceCollection services, IBusRegistrationConfigurator bus)
    {
        // Resolved instead of MassTransit's own whichever is registered first: it adds its own with TryAdd.
        services.AddSingleton<IUsageTracker, NoUsageTelemetry>();
        bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
    }

    public void PreConfigureBus<T>(T configurator, IBusRegistrationContext context) where T : IBusFactoryConfigurator
    {
    }

    public void PreConfigureRider<T>(T configurator) where T : IRiderFactoryConfigurator
    {
    }
}
