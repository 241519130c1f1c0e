using Platform.Registry;
using Platform.Testing;

namespace Platform.Registry.Tests;

/// <summary>The registry alone, in process, as the standalone host wires it.</summary>
public static class RegistryHost
{
    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(builder => builder.AddRegistry(), app => app.MapRegistry(), options);
}
