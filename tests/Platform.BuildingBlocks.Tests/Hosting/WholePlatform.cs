using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Safeguarding;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>Every service in one host, as the standalone host wires them: for what every host must do.</summary>
public static class WholePlatform
{
    /// <summary>The services added below, checked against the standalone host's Program.cs.</summary>
    public static readonly IReadOnlyList<string> Services = ["Registry", "Engagement", "Housing", "Safeguarding"];

    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.AddRegistry();
                builder.AddEngagement();
                builder.AddHousing();
                builder.AddSafeguarding();
            },
            app =>
            {
                app.MapRegistry();
                app.MapEngagement();
                app.MapHousing();
                app.MapSafeguarding();
            },
            options);
}
