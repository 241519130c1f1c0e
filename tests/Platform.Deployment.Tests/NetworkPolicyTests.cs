using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>
/// The rendered overlays' NetworkPolicies, checked as connections: callers reach the gateway only,
/// only the gateway reaches the services, only the services reach the database and the broker, and
/// any other pod in the namespace reaches nothing.
/// </summary>
public sealed class NetworkPolicyTests
{
    private const int Grpc = 8080;
    private const int Http = 8081;
    private const int SqlServer = 1433;
    private const int RabbitMq = 5672;

    private static readonly Dictionary<string, string> Stranger = new() { ["app.kubernetes.io/name"] = "debug-shell" };

    [SkippableTheory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public async Task Callers_reach_the_gateway_and_only_the_gateway_reaches_the_services(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gateway = Pod(rendered, "gateway");

        Assert.True(NetworkPolicies.Reaches(rendered, null, gateway, Grpc), "Callers cannot reach the gateway's gRPC port.");
        Assert.True(NetworkPolicies.Reaches(rendered, null, gateway, Http), "Callers cannot reach the gateway's JSON port.");
        foreach (var service in Services(rendered))
        {
            var pod = Pod(rendered, service);
            Assert.True(NetworkPolicies.Reaches(rendered, gateway, pod, Grpc), $"The gateway cannot reach {service}.");
            Assert.False(NetworkPolicies.Reaches(rendered, null, pod, Grpc), $"Callers reach {service} around the gateway.");
            Assert.False(NetworkPolicies.Reaches(rendered, Stranger, pod, Grpc), $"Any pod in the namespace reaches {service}.");
            Assert.False(NetworkPolicies.Reaches(rendered, gateway, pod, Http), $"The gateway reaches {service}'s HTTP port, which it never uses.");
            foreach (var other in Services(rendered).Where(o => o != service))
            {
                Assert.False(NetworkPolicies.Reaches(rendered, pod, Pod(rendered, other), Grpc), $"{service} reaches {other}: services talk through events.");
            }
        }
    }

    [SkippableTheory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public async Task Only_the_services_reach_the_database_and_the_broker(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        // In dev they are pods in the namespace; in production they may be anywhere.
        var database = rendered.Workloads.Any(w => w.Name == "sqlserver") ? Pod(rendered, "sqlserver") : null;
        var broker = rendered.Workloads.Any(w => w.Name == "rabbitmq") ? Pod(rendered, "rabbitmq") : null;

        foreach (var service in Services(rendered))
        {
            Assert.True(NetworkPolicies.Reaches(rendered, Pod(rendered, service), database, SqlServer), $"{service} cannot reach SQL Server.");
            Assert.True(NetworkPolicies.Reaches(rendered, Pod(rendered, service), broker, RabbitMq), $"{service} cannot reach RabbitMQ.");
        }
        foreach (var outsider in new[] { Pod(rendered, "gateway"), Pod(rendered, Web), Stranger })
        {
            Assert.False(NetworkPolicies.Reaches(rendered, outsider, database, SqlServer), "A pod other than a service reaches SQL Server.");
            Assert.False(NetworkPolicies.Reaches(rendered, outsider, broker, RabbitMq), "A pod other than a service reaches RabbitMQ.");
        }
        if (database is not null && broker is not null)
        {
            Assert.False(NetworkPolicies.Reaches(rendered, null, database, SqlServer), "SQL Server is open to callers.");
            Assert.False(NetworkPolicies.Reaches(rendered, null, broker, RabbitMq), "RabbitMQ is open to callers.");
        }
    }

    [SkippableTheory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public async Task Every_pod_is_denied_by_default_in_both_directions(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var deny = Assert.Single(rendered.OfKind<V1NetworkPolicy>(), p =>
            p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.Ingress is null && p.Spec.Egress is null);
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        Assert.False(NetworkPolicies.Reaches(rendered, Stranger, Stranger, 80));
        Assert.False(NetworkPolicies.Reaches(rendered, null, Stranger, 80));
    }

    [SkippableTheory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public async Task The_web_app_is_reached_through_the_gateway_only_and_calls_the_platform_through_it_only(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gateway = Pod(rendered, "gateway");
        var web = Pod(rendered, Web);

        Assert.True(NetworkPolicies.Reaches(rendered, gateway, web, Grpc), "The gateway cannot reach the web app.");
        Assert.False(NetworkPolicies.Reaches(rendered, null, web, Grpc), "Callers reach the web app around the gateway.");
        Assert.False(NetworkPolicies.Reaches(rendered, Stranger, web, Grpc), "Any pod in the namespace reaches the web app.");
        Assert.True(NetworkPolicies.Reaches(rendered, web, gateway, Grpc), "The web app cannot call the platform through the gateway.");
        foreach (var service in Services(rendered))
        {
            Assert.False(NetworkPolicies.Reaches(rendered, web, Pod(rendered, service), Grpc), $"The web app reaches {service} around the gateway.");
            Assert.False(NetworkPolicies.Reaches(rendered, Pod(rendered, service), web, Grpc), $"{service} reaches the web app.");
        }
    }

    /// <summary>The web app: behind the gateway like a service, but with no database or broker of its own.</summary>
    private const string Web = "web";

    /// <summary>The backend services: every deployment but the gateway and the web app.</summary>
    private static IEnumerable<string> Services(Rendered rendered) =>
        rendered.Deployments.Where(d => d.Metadata.Name is not "gateway" and not Web).Select(d => d.Metadata.Name);

    private static IDictionary<string, string> Pod(Rendered rendered, string workload) =>
        Assert.Single(rendered.Workloads, w => w.Name == workload).Template.Metadata.Labels;
}
