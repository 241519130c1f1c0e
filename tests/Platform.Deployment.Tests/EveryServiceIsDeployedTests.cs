using System.Text.Json;

namespace Platform.Deployment.Tests;

/// <summary>
/// A service is part of the platform only when every way of running it knows of it: the standalone
/// host, the gateway (a route for its gRPC package, a route for its JSON paths, a cluster), compose
/// (its container, its database, the gateway's address for it) and kustomize (its manifest).
/// Adding a service and forgetting one of these fails here.
/// </summary>
public sealed class EveryServiceIsDeployedTests
{
    /// <summary>Each service folder holding a web project, except the standalone host itself.</summary>
    public static TheoryData<string> Services() => new(ServiceNames());

    private static List<string> ServiceNames() => Directory.GetDirectories(RepositoryRoot.File("services"))
            .Select(System.IO.Path.GetFileName)
            .OfType<string>()
            .Where(name => name != "Standalone")
            .Where(name => Directory.GetFiles(RepositoryRoot.File("services", name), "*.csproj")
                .Any(project => File.ReadAllText(project).Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_registry_engagement_housing_and_safeguarding_are_among_the_services()
    {
        var services = ServiceNames();

        Assert.Contains("Registry", services);
        Assert.Contains("Engagement", services);
        Assert.Contains("Housing", services);
        Assert.Contains("Safeguarding", services);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_standalone_host_adds_and_maps_the_service(string service)
    {
        var program = File.ReadAllText(RepositoryRoot.File("services", "Standalone", "Program.cs"));

        Assert.Contains($"builder.Add{service}();", program, StringComparison.Ordinal);
        Assert.Contains($"app.Map{service}();", program, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_gateway_routes_the_services_grpc_package_and_json_paths_to_its_cluster(string service)
    {
        var cluster = service.ToLowerInvariant();
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("gateway", "Platform.Gateway", "appsettings.json")));
        var proxy = settings.RootElement.GetProperty("ReverseProxy");
        var routes = proxy.GetProperty("Routes").EnumerateObject()
            .Where(route => route.Value.GetProperty("ClusterId").GetString() == cluster)
            .Select(route => route.Value.GetProperty("Match").GetProperty("Path").GetString())
            .ToList();

        Assert.True(proxy.GetProperty("Clusters").TryGetProperty(cluster, out _), $"The gateway has no cluster '{cluster}'.");
        Assert.Contains($"/platform.{cluster}.v1.{{service}}/{{method}}", routes);
        Assert.Contains(routes, path => path!.StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_gateways_audit_api_reads_the_services_trail_and_its_own_host_serves_it(string service)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("gateway", "Platform.Gateway", "appsettings.json")));
        var cluster = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").GetProperty(service.ToLowerInvariant());
        var program = File.ReadAllText(RepositoryRoot.File("services", service, "Program.cs"));

        Assert.Equal("true", cluster.GetProperty("Metadata").GetProperty("AuditTrail").GetString());
        Assert.Contains("app.MapAuditLog();", program, StringComparison.Ordinal);
        Assert.True(cluster.GetProperty("HealthCheck").GetProperty("Active").GetProperty("Enabled").GetBoolean(),
            $"The gateway does not check the health of {service}'s instances.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Kustomize_gives_the_gateway_a_headless_service_for_the_services_pods(string service)
    {
        var name = service.ToLowerInvariant();
        var destinations = File.ReadAllText(RepositoryRoot.File("k8s", "base", "gateway-destinations.yaml"));
        var gateway = File.ReadAllText(RepositoryRoot.File("k8s", "base", "gateway.yaml"));

        Assert.Contains($"name: {name}-headless", destinations, StringComparison.Ordinal);
        Assert.Contains($"http://{name}-headless:8080", gateway, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Compose_runs_the_service_with_its_own_database_behind_the_gateway(string service)
    {
        var name = service.ToLowerInvariant();
        var compose = ComposeFile.Instance;

        Assert.Contains(name, compose.Services.Keys);
        Assert.Contains($"ConnectionStrings__{service}", ComposeFile.Environment(compose.Services[name]).Keys);
        Assert.Contains($"ReverseProxy__Clusters__{name}__Destinations__primary__Address",
            ComposeFile.Environment(compose.Services[ComposeFile.Gateway]).Keys);
        var databases = (string)ComposeFile.Environment(compose.Services["sqlserver-init"])["PLATFORM_DATABASES"]!;
        Assert.Contains(name, databases.Split(' '));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Kustomize_base_has_the_services_manifest(string service)
    {
        var name = service.ToLowerInvariant();
        var kustomization = File.ReadAllText(RepositoryRoot.File("k8s", "base", "kustomization.yaml"));

        Assert.True(File.Exists(RepositoryRoot.File("k8s", "base", $"{name}.yaml")), $"k8s/base/{name}.yaml is missing.");
        Assert.Contains($"  - {name}.yaml", kustomization, StringComparison.Ordinal);
    }
}
