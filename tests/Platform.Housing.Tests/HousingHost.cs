using Platform.Testing;

namespace Platform.Housing.Tests;

/// <summary>The housing service alone, in process, as the standalone host wires it.</summary>
public static class HousingHost
{
    public static Task<TestHost> StartAsync(TestHostOptions? options = null) =>
        TestHost.StartAsync(builder => builder.AddHousing(), app => app.MapHousing(), options);
}
