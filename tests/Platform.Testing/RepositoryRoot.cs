namespace Platform.Testing;

/// <summary>The repository the tests run from, for tests that read its files or start its build outputs.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Debug or Release: the services were built with the configuration these tests were.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test output.");
    }
}
