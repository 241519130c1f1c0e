using Platform.Registry;
using Platform.Testing;

namespace Platform.Engagement.Tests;

/// <summary>The engagement service in process, alone or beside the registry, as the standalone host wires them.</summary>
public static class EngagementHost
{
    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(builder => builder.AddEngagement(), app => app.MapEngagement(), options);

    public static Task<TestHost> StartWithRegistryAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.AddRegistry();
                builder.AddEngagement();
            },
            app =>
            {
                app.MapRegistry();
                app.MapEngagement();
            },
            options);
}
