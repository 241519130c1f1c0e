using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>
/// Several web replicas behind the gateway share one data-protection key ring, so a sign-in cookie
/// or form token issued by one is accepted by the next (the web tests prove the app side).
/// </summary>
public sealed class WebKeyRingTests
{
    private const string KeysDirectory = "/var/lib/platform-web/keys";

    [Fact]
    public void Compose_gives_every_web_replica_the_same_named_volume_as_its_key_ring()
    {
        var web = ComposeFile.Instance.Services[ComposeFile.Web];
        Assert.Equal(KeysDirectory, ComposeFile.Environment(web).Scalar("Web__DataProtection__KeysDirectory"));
        var mounts = web["volumes"].AsList("web.volumes").Cast<string>().ToList();
        var volume = Assert.Single(mounts, m => m.EndsWith(":" + KeysDirectory, StringComparison.Ordinal)).Split(':')[0];

        var root = YamlTree.LoadFile(RepositoryRoot.File("docker-compose.yml")).AsMap("docker-compose.yml");
        Assert.True(root["volumes"].AsMap("volumes").ContainsKey(volume), $"{volume} is a host folder, not a named volume.");
    }

    [SkippableTheory]
    [InlineData("overlays/dev", "ReadWriteOnce")]
    [InlineData("overlays/production", "ReadWriteMany")]
    public async Task Every_web_replica_mounts_one_claim_as_its_key_ring(string overlay, string accessMode)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var spec = rendered.Deployment(ComposeFile.Web).Spec.Template.Spec;
        var container = Assert.Single(spec.Containers);
        Assert.Equal(KeysDirectory, Assert.Single(container.Env, e => e.Name == "Web__DataProtection__KeysDirectory").Value);
        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == KeysDirectory);
        var claimName = Assert.Single(spec.Volumes, v => v.Name == mount.Name).PersistentVolumeClaim?.ClaimName;
        var claim = Assert.Single(rendered.OfKind<V1PersistentVolumeClaim>(), c => c.Metadata.Name == claimName);
        // Production's replicas land on several nodes: only a ReadWriteMany claim reaches them all.
        Assert.Equal([accessMode], claim.Spec.AccessModes);
    }

    [SkippableFact]
    public async Task Production_encrypts_the_key_ring_with_a_certificate_from_a_secret()
    {
        var rendered = await Kustomize.RenderAsync("overlays/production");

        var spec = rendered.Deployment(ComposeFile.Web).Spec.Template.Spec;
        var container = Assert.Single(spec.Containers);
        var path = Assert.Single(container.Env, e => e.Name == "Web__DataProtection__CertificatePath").Value;
        var mount = Assert.Single(container.VolumeMounts, m => path.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal("web-data-protection", Assert.Single(spec.Volumes, v => v.Name == mount.Name).Secret?.SecretName);
        Assert.Equal("platform-secrets", Assert.Single(container.Env, e => e.Name == "Web__DataProtection__CertificatePassword").ValueFrom?.SecretKeyRef?.Name);
    }
}
