using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>Renders k8s/ kustomizations with <c>kubectl kustomize</c> (offline, no cluster needed).</summary>
internal static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendered>>> Cache = new(StringComparer.Ordinal);

    private static readonly Lazy<string?> Kubectl = new(FindKubectl);

    /// <summary>Skips the calling test, with the reason, when kubectl is not installed.</summary>
    public static void SkipUnlessAvailable() =>
        Skip.If(Kubectl.Value is null, "kubectl is not on PATH, so the kustomize overlays could not be rendered.");

    /// <param name="relativeDirectory">For example "overlays/dev" or "base", relative to k8s/.</param>
    public static Task<Rendered> RenderAsync(string relativeDirectory)
    {
        SkipUnlessAvailable();
        return Cache.GetOrAdd(relativeDirectory, dir => new Lazy<Task<Rendered>>(() => RunAsync(dir))).Value;
    }

    private static async Task<Rendered> RunAsync(string relativeDirectory)
    {
        var directory = RepositoryRoot.File(["k8s", .. relativeDirectory.Split('/')]);
        var start = new ProcessStartInfo(Kubectl.Value!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed ({process.ExitCode}):\n{errors}");

        // Strict: a misspelt or misplaced field fails here instead of being dropped.
        var objects = KubernetesYaml.LoadAllFromString(output, strict: true);
        return new Rendered(relativeDirectory, objects);
    }

    private static string? FindKubectl()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "kubectl.exe" } : ["kubectl"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>The objects one kustomization renders.</summary>
internal sealed record Rendered(string Name, IReadOnlyList<object> Objects)
{
    public IEnumerable<T> OfKind<T>() => Objects.OfType<T>();

    public IReadOnlyList<V1Deployment> Deployments => OfKind<V1Deployment>().ToList();

    /// <summary>Every object that runs pods: the .NET Deployments and any StatefulSet.</summary>
    public IEnumerable<(string Name, V1PodTemplateSpec Template)> Workloads =>
        OfKind<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(OfKind<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template)));

    public V1Deployment Deployment(string name) =>
        Assert.Single(Deployments, d => d.Metadata.Name == name);

    public V1ConfigMap PlatformConfig =>
        Assert.Single(OfKind<V1ConfigMap>(), c => c.Metadata.Name.StartsWith("platform-config", StringComparison.Ordinal));

    public IReadOnlyDictionary<string, string> PlatformConfigData => new Dictionary<string, string>(PlatformConfig.Data, StringComparer.Ordinal);
}
