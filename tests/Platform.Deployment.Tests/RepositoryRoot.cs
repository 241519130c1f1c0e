namespace Platform.Deployment.Tests;

/// <summary>Finds the solution root so the tests read the deployment files in place.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string File(params string[] relative) =>
        System.IO.Path.Combine([Path, .. relative]);

    /// <summary>
    /// Walks up from the test binaries to the folder holding Platform.sln or Directory.Build.props.
    /// A Directory.Build.props only counts next to Directory.Packages.props, so that a nested
    /// props file (for example under tests/) is not mistaken for the root.
    /// </summary>
    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln")) ||
                (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Build.props")) &&
                 System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Packages.props"))))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No folder holding Platform.sln or Directory.Build.props above {AppContext.BaseDirectory}.");
    }
}
