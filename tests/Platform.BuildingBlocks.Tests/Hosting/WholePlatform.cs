using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Safeguarding;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>Every service in one host, as the standalone host wires them: for what every host must do.</summary>
public static class WholePlatform
{
    /// <summary>The services with a database of their own, added below.</summary>
    public static readonly IReadOnlyList<string> Services = ["Registry", "Engagement", "Housing", "Safeguarding"];

    /// <summary>Everything added below (the services and the audit API over them), checked against the standalone host's Program.cs.</summary>
    public static readonly IReadOnlyList<string> Additions = [.. Services, "AuditTrail"];

    /// <summary>The protobuf package prefix of an addition's gRPC services.</summary>
    public static string PackageOf(string addition) =>
        addition == "AuditTrail" ? "platform.audit." : $"platform.{addition.ToLowerInvariant()}.";

    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(
            builder =>
            {
                builder.AddRegistry();
                builder.AddEngagement();
                builder.AddHousing();
                builder.AddSafeguarding();
                builder.AddAuditTrail();
            },
            app =>
            {
                app.MapRegistry();
                app.MapEngagement();
                app.MapHousing();
                app.MapSafeguarding();
                app.MapAuditTrail();
                app.MapOutboxAdministration();
            },
            options);
}
