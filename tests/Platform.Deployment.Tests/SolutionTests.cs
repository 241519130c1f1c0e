namespace Platform.Deployment.Tests;

/// <summary>
/// The README's test command builds and tests Platform.sln: a project left out of it is neither
/// built nor tested, silently.
/// </summary>
public sealed class SolutionTests
{
    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution()
    {
        var solution = File.ReadAllText(RepositoryRoot.File("Platform.sln")).Replace('\\', '/');
        var projects = new[] { "services", "gateway", "tests", "bench" }
            .SelectMany(folder => Directory.GetFiles(RepositoryRoot.File(folder), "*.csproj", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .ToList();

        Assert.NotEmpty(projects);
        Assert.All(projects, project => Assert.Contains($"\"{project}\"", solution, StringComparison.Ordinal));
    }
}
