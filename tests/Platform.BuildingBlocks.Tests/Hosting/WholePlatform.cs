using Platform.BuildingBlocks.Messaging;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>Every service in one host, as the standalone host wires them: for what every host must do.</summary>
public static class WholePlatform
{
    /// <summary>The services added below, checked against the standalone host's Program.cs.</summary>
    public static readonly IReadOnlyList<string> Services = ["Registry", "Engagement", "Housing"];

    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.AddRegistry();
                builder.AddEngagement();
                builder.AddHousing();
            },
            app =>
            {
                app.MapRegistry();
                app.MapEngagement();
                app.MapHousing();
                app.MapOutboxAdministration();
            },
            options);
}
