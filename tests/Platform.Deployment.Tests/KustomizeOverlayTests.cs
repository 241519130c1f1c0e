using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>
/// Renders k8s/base and each overlay with <c>kubectl kustomize</c> and checks the result: here what
/// every overlay must hold; in the .Environments part what base, dev and production each hold.
/// Reported as skipped (with the reason) where kubectl is not installed.
/// </summary>
public sealed partial class KustomizeOverlayTests
{
    private const string Dev = "overlays/dev";
    private const string Production = "overlays/production";
    private const string SecretName = "platform-secrets";
    private const string DevSigningKeySecret = "platform-dev-signing-key";

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Overlay_renders_every_service_and_the_gateway_into_the_platform_namespace(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.Contains(rendered.Deployments, d => d.Metadata.Name == "registry");
        Assert.Contains(rendered.Deployments, d => d.Metadata.Name == "engagement");
        Assert.Contains(rendered.Deployments, d => d.Metadata.Name == "housing");
        Assert.Contains(rendered.Deployments, d => d.Metadata.Name == "safeguarding");
        Assert.Contains(rendered.Deployments, d => d.Metadata.Name == "gateway");
        Assert.Contains(rendered.OfKind<V1Namespace>(), n => n.Metadata.Name == "platform");
        foreach (var item in rendered.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace))
        {
            Assert.Equal("platform", item.Metadata.NamespaceProperty);
        }
    }

    /// <summary>
    /// Liveness asks only whether the process serves (/alive): a database or broker outage takes pods
    /// out of service through readiness (/ready) instead of restarting every one of them.
    /// </summary>
    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_deployment_is_probed_alive_on_alive_and_ready_on_ready_port_8081(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var deployment in rendered.Deployments)
        {
            foreach (var container in deployment.Spec.Template.Spec.Containers)
            {
                var name = deployment.Metadata.Name;
                AssertProbe(container, container.ReadinessProbe, "/ready", $"{name} readiness");
                AssertProbe(container, container.LivenessProbe, "/alive", $"{name} liveness");
                AssertProbe(container, container.StartupProbe, "/alive", $"{name} startup");
            }
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_workload_runs_as_non_root_under_the_restricted_pod_security_standard(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.Equal("restricted", Assert.Single(rendered.OfKind<V1Namespace>()).Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        foreach (var (name, template) in rendered.Workloads)
        {
            var pod = template.Spec.SecurityContext;
            foreach (var container in AllContainers(template.Spec))
            {
                var own = container.SecurityContext;
                var what = $"{name}/{container.Name}";
                Assert.True((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{what} does not set runAsNonRoot.");
                Assert.NotEqual(0, own?.RunAsUser ?? pod?.RunAsUser);
                Assert.True(own?.AllowPrivilegeEscalation == false, $"{what} allows privilege escalation.");
                Assert.Contains("ALL", own?.Capabilities?.Drop ?? []);
                Assert.Equal("RuntimeDefault", (own?.SeccompProfile ?? pod?.SeccompProfile)?.Type);
            }
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_container_has_cpu_and_memory_requests_and_limits(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var (name, template) in rendered.Workloads)
        {
            foreach (var container in AllContainers(template.Spec))
            {
                var resources = container.Resources;
                Assert.True(resources?.Limits is not null && resources.Requests is not null, $"{name}/{container.Name} has no resources.");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(resources.Limits.ContainsKey(resource), $"{name}/{container.Name} has no {resource} limit.");
                    Assert.True(resources.Requests.ContainsKey(resource), $"{name}/{container.Name} has no {resource} request.");
                    Assert.True(
                        resources.Requests[resource].ToDecimal() <= resources.Limits[resource].ToDecimal(),
                        $"{name}/{container.Name} requests more {resource} than its limit.");
                }
            }
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_deployment_has_a_read_only_root_filesystem_and_an_empty_dir_at_tmp(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var deployment in rendered.Deployments)
        {
            var spec = deployment.Spec.Template.Spec;
            foreach (var container in spec.Containers)
            {
                Assert.True(container.SecurityContext?.ReadOnlyRootFilesystem == true, $"{deployment.Metadata.Name}: root filesystem is writable.");
                var tmp = Assert.Single(container.VolumeMounts ?? [], m => m.MountPath == "/tmp");
                var volume = Assert.Single(spec.Volumes ?? [], v => v.Name == tmp.Name);
                Assert.NotNull(volume.EmptyDir);
            }
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_deployment_has_a_service_exposing_grpc_as_h2c_on_8080_and_http_on_8081(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var deployment in rendered.Deployments)
        {
            var service = Assert.Single(rendered.OfKind<V1Service>(), s => Selects(s.Spec.Selector, deployment.Spec.Template.Metadata.Labels) && !IsHeadless(s));
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);

            var grpc = Assert.Single(service.Spec.Ports, p => p.Name == "grpc");
            Assert.Equal(8080, grpc.Port);
            Assert.Equal("kubernetes.io/h2c", grpc.AppProtocol);
            Assert.Equal(8080, ResolvePort(container, grpc.TargetPort));

            var http = Assert.Single(service.Spec.Ports, p => p.Name == "http");
            Assert.Equal(8081, http.Port);
            Assert.Equal(8081, ResolvePort(container, http.TargetPort));
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_dotnet_container_is_configured_for_http2_grpc_sql_server_and_rabbitmq(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var config = rendered.PlatformConfigData;

        Assert.Equal("http://+:8080", config["Kestrel__Endpoints__Grpc__Url"]);
        Assert.Equal("Http2", config["Kestrel__Endpoints__Grpc__Protocols"]);
        Assert.Equal("http://+:8081", config["Kestrel__Endpoints__Http__Url"]);
        Assert.Equal("Http1", config["Kestrel__Endpoints__Http__Protocols"]);
        Assert.Equal("SqlServer", config["Database__Provider"]);
        Assert.Equal("RabbitMq", config["Messaging__Transport"]);
        Assert.Equal("rabbitmq", config["Messaging__RabbitMq__Host"]);
        Assert.Equal("platform", config["Auth__Audience"]);

        foreach (var deployment in rendered.Deployments)
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Contains(container.EnvFrom ?? [], e => e.ConfigMapRef?.Name == rendered.PlatformConfig.Metadata.Name);
        }
    }

    [SkippableTheory]
    [InlineData(Dev)]
    [InlineData(Production)]
    public async Task Every_image_has_an_explicit_tag_other_than_latest(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var (name, template) in rendered.Workloads)
        {
            foreach (var container in AllContainers(template.Spec))
            {
                var lastSegment = container.Image[(container.Image.LastIndexOf('/') + 1)..];
                var colon = lastSegment.IndexOf(':', StringComparison.Ordinal);
                Assert.True(colon > 0, $"{name}/{container.Name} image '{container.Image}' has no tag.");
                Assert.NotEqual("latest", lastSegment[(colon + 1)..]);
            }
        }
    }

    private static void AssertProbe(V1Container container, V1Probe? probe, string path, string what)
    {
        Assert.True(probe?.HttpGet is not null, $"{what} probe is missing or not an HTTP GET.");
        Assert.True(path == probe.HttpGet.Path, $"{what} probe asks {probe.HttpGet.Path}, not {path}.");
        Assert.Equal(8081, ResolvePort(container, probe.HttpGet.Port));
    }

    /// <summary>A probe or Service target port, by number or by the container port's name.</summary>
    private static int ResolvePort(V1Container container, IntOrString port)
    {
        if (int.TryParse(port.Value, out var number))
        {
            return number;
        }
        return Assert.Single(container.Ports ?? [], p => p.Name == port.Value).ContainerPort;
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    private static IEnumerable<V1Container> AllContainers(V1PodSpec spec) =>
        (spec.InitContainers ?? []).Concat(spec.Containers);

    private static IEnumerable<V1SecretKeySelector> SecretKeyRefs(Rendered rendered) =>
        rendered.Workloads
            .SelectMany(w => AllContainers(w.Template.Spec))
            .SelectMany(c => c.Env ?? [])
            .Select(e => e.ValueFrom?.SecretKeyRef)
            .OfType<V1SecretKeySelector>();

    private static void AssertConfigMapReferencesResolve(Rendered rendered)
    {
        var configMaps = rendered.OfKind<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var containers = rendered.Workloads.SelectMany(w => AllContainers(w.Template.Spec)).ToList();
        foreach (var reference in containers.SelectMany(c => c.EnvFrom ?? []).Where(e => e.ConfigMapRef is not null))
        {
            Assert.Contains(reference.ConfigMapRef.Name, configMaps);
        }
        foreach (var reference in containers.SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.ConfigMapKeyRef).OfType<V1ConfigMapKeySelector>())
        {
            Assert.Contains(reference.Name, configMaps);
        }
        // Secrets are passed key by key, so a service only sees its own connection string.
        Assert.DoesNotContain(containers.SelectMany(c => c.EnvFrom ?? []), e => e.SecretRef is not null);
    }
}
