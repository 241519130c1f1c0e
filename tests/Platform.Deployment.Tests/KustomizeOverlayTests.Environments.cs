using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>What the base, the dev overlay and the production overlay each hold of their own.</summary>
public sealed partial class KustomizeOverlayTests
{
    [SkippableFact]
    public async Task The_base_contains_no_secret()
    {
        var rendered = await Kustomize.RenderAsync("base");

        Assert.Empty(rendered.OfKind<V1Secret>());
        var kustomization = YamlTree.LoadFile(RepositoryRoot.File("k8s", "base", "kustomization.yaml")).AsMap("base kustomization");
        Assert.False(kustomization.ContainsKey("secretGenerator"), "The base must not generate secrets.");

        // The Deployments still expect the secret by its plain name.
        Assert.Contains(SecretKeyRefs(rendered), r => r.Name == SecretName);
    }

    [SkippableFact]
    public async Task Dev_generates_every_secret_and_config_key_its_workloads_reference()
    {
        var rendered = await Kustomize.RenderAsync(Dev);

        var secret = Assert.Single(rendered.OfKind<V1Secret>());
        Assert.StartsWith(SecretName + "-", secret.Metadata.Name, StringComparison.Ordinal);
        // The signing key is the one secret created by hand, so that no key is kept in the repository.
        var references = SecretKeyRefs(rendered).Where(r => r.Name != DevSigningKeySecret).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.Equal(secret.Metadata.Name, reference.Name);
            Assert.True(secret.Data.ContainsKey(reference.Key), $"The dev secret has no key {reference.Key}.");
        }
        AssertConfigMapReferencesResolve(rendered);
    }

    [SkippableFact]
    public async Task Dev_runs_one_replica_in_development_with_a_shared_signing_key_from_a_secret_created_by_hand()
    {
        var rendered = await Kustomize.RenderAsync(Dev);
        var secret = Assert.Single(rendered.OfKind<V1Secret>());

        Assert.All(rendered.Deployments, d => Assert.Equal(1, d.Spec.Replicas));
        Assert.Equal("Development", rendered.PlatformConfigData["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("false", rendered.PlatformConfigData["Messaging__RabbitMq__QuorumQueues"]);

        foreach (var deployment in rendered.Deployments)
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            var key = Assert.Single(container.Env ?? [], e => e.Name == "Auth__SigningKey");
            Assert.Equal(("Auth__SigningKey", DevSigningKeySecret), (key.ValueFrom?.SecretKeyRef?.Key, key.ValueFrom?.SecretKeyRef?.Name));
        }
        Assert.False(secret.Data.ContainsKey("Auth__SigningKey"), "The dev overlay generates a signing key: it would be kept in the repository.");

        // The in-cluster SQL Server and RabbitMQ the services expect.
        Assert.Contains(rendered.OfKind<V1Service>(), s => s.Metadata.Name == "sqlserver");
        Assert.Contains(rendered.OfKind<V1Service>(), s => s.Metadata.Name == "rabbitmq");
    }

    [SkippableFact]
    public async Task Production_generates_no_secret_and_expects_the_platform_secrets_secret()
    {
        var rendered = await Kustomize.RenderAsync(Production);

        Assert.Empty(rendered.OfKind<V1Secret>());
        var references = SecretKeyRefs(rendered).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Equal(SecretName, r.Name));
        Assert.DoesNotContain(references, r => r.Key == "Auth__SigningKey");
        AssertConfigMapReferencesResolve(rendered);
    }

    [SkippableFact]
    public async Task Production_autoscales_every_deployment_on_cpu_from_at_least_two_replicas()
    {
        var rendered = await Kustomize.RenderAsync(Production);

        foreach (var deployment in rendered.Deployments)
        {
            var name = deployment.Metadata.Name;
            var autoscaler = AutoscalerOf(rendered, deployment);
            Assert.True(deployment.Spec.Replicas is null, $"{name} sets replicas, which every apply would reset under its autoscaler.");
            Assert.True(autoscaler.Spec.MinReplicas >= 2, $"{name} may scale down to {autoscaler.Spec.MinReplicas} replica(s).");
            Assert.True(autoscaler.Spec.MaxReplicas > autoscaler.Spec.MinReplicas, $"{name} cannot scale up.");
            var cpu = Assert.Single(autoscaler.Spec.Metrics, m => m.Resource?.Name == "cpu");
            Assert.InRange(cpu.Resource.Target.AverageUtilization ?? 0, 50, 90);
        }
    }

    [SkippableFact]
    public async Task Production_has_a_pod_disruption_budget_that_still_lets_every_deployment_drain()
    {
        var rendered = await Kustomize.RenderAsync(Production);
        var budgets = rendered.OfKind<V1PodDisruptionBudget>().ToList();

        foreach (var deployment in rendered.Deployments)
        {
            var budget = Assert.Single(budgets, b => Selects(b.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
            var minAvailable = budget.Spec.MinAvailable;
            Assert.NotNull(minAvailable);
            Assert.True(int.TryParse(minAvailable.Value, out var count), "minAvailable should be a pod count.");
            Assert.InRange(count, 1, AutoscalerOf(rendered, deployment).Spec.MinReplicas!.Value - 1);
        }
    }

    private static V2HorizontalPodAutoscaler AutoscalerOf(Rendered rendered, V1Deployment deployment) =>
        Assert.Single(rendered.OfKind<V2HorizontalPodAutoscaler>(), a =>
            a.Spec.ScaleTargetRef.Kind == "Deployment" && a.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);

    [SkippableFact]
    public async Task Production_uses_quorum_queues_and_an_openid_connect_authority()
    {
        var rendered = await Kustomize.RenderAsync(Production);
        var config = rendered.PlatformConfigData;

        Assert.Equal("true", config["Messaging__RabbitMq__QuorumQueues"]);
        Assert.Equal("Production", config["ASPNETCORE_ENVIRONMENT"]);
        Assert.True(Uri.TryCreate(config["Auth__Authority"], UriKind.Absolute, out var authority), "Auth__Authority is not an absolute URL.");
        Assert.Equal(Uri.UriSchemeHttps, authority.Scheme);
        Assert.False(config.ContainsKey("Auth__SigningKey"));
        Assert.DoesNotContain(
            rendered.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers).SelectMany(c => c.Env ?? []),
            e => e.Name == "Auth__SigningKey");
    }
}
