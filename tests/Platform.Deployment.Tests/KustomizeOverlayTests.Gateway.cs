using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>How the gateway reaches the services: every pod of each, through a headless Service.</summary>
public sealed partial class KustomizeOverlayTests
{
    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task The_gateway_routes_to_every_service_through_a_headless_service_on_its_h2c_grpc_port(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var gateway = Assert.Single(rendered.Deployment("gateway").Spec.Template.Spec.Containers);

        var destinations = (gateway.Env ?? [])
            .Where(e => e.Name.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal) && e.Name.EndsWith("__Address", StringComparison.Ordinal))
            .Select(e => new Uri(e.Value))
            .ToList();
        var served = new List<string>();
        foreach (var destination in destinations)
        {
            var service = Assert.Single(rendered.OfKind<V1Service>(), s => s.Metadata.Name == destination.Host);
            Assert.True(IsHeadless(service), $"{destination.Host} is not headless: the gateway would see one address for all its pods.");
            Assert.NotEqual(true, service.Spec.PublishNotReadyAddresses);
            var port = Assert.Single(service.Spec.Ports, p => p.Port == destination.Port);
            Assert.Equal("kubernetes.io/h2c", port.AppProtocol);
            served.AddRange(rendered.Deployments.Where(d => Selects(service.Spec.Selector, d.Spec.Template.Metadata.Labels)).Select(d => d.Metadata.Name));
        }

        // Every service other than the gateway has a route, to its own pods.
        Assert.Equal(
            rendered.Deployments.Select(d => d.Metadata.Name).Where(n => n != "gateway").Order(StringComparer.Ordinal),
            served.Order(StringComparer.Ordinal));
        Assert.Contains(gateway.Env!, e => e.Name == "Gateway__DnsRefreshPeriod");
    }

    private static bool IsHeadless(V1Service service) => service.Spec.ClusterIP == "None";
}
