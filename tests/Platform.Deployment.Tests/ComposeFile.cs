namespace Platform.Deployment.Tests;

/// <summary>docker-compose.yml as loaded by YAML (before variable interpolation).</summary>
internal sealed class ComposeFile
{
    public const string Gateway = "gateway";

    /// <summary>The web app: built here and behind the gateway, but with no database or broker of its own.</summary>
    public const string Web = "web";

    private ComposeFile(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> services) =>
        Services = services;

    public static ComposeFile Instance { get; } = Load();

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Services { get; }

    /// <summary>Services built from this repository's Dockerfile: the .NET services and the gateway.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, object?>>> DotnetServices =>
        Services.Where(service => service.Value.ContainsKey("build"));

    /// <summary>The backend services: built here, and neither the gateway nor the web app.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, object?>>> BackendServices =>
        DotnetServices.Where(service => service.Key != Gateway && service.Key != Web);

    /// <summary>What the gateway forwards to: the backend services and the web app.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, object?>>> GatewayDestinations =>
        DotnetServices.Where(service => service.Key != Gateway);

    public static IReadOnlyDictionary<string, object?> Environment(IReadOnlyDictionary<string, object?> service) =>
        service.MapOrEmpty("environment");

    private static ComposeFile Load()
    {
        var root = YamlTree.LoadFile(RepositoryRoot.File("docker-compose.yml")).AsMap("docker-compose.yml");
        var services = root["services"].AsMap("services")
            .ToDictionary(entry => entry.Key, entry => entry.Value.AsMap($"service '{entry.Key}'"), StringComparer.Ordinal);
        return new ComposeFile(services);
    }
}
