using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>
/// No usable signing key is kept in the repository: a key committed once is a key every deployment
/// that picks up the file would trust. Development keys come from the environment or are made at start-up.
/// </summary>
public sealed partial class CommittedKeyTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".ci", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>Settings files of every kind a host reads, and the deployment manifests.</summary>
    public static TheoryData<string> SettingsFiles() => new(Files());

    private static List<string> Files() =>
        Walk(RepositoryRoot.Path)
            .Where(f => Path.GetFileName(f) is var name
                && (name.StartsWith("appsettings", StringComparison.Ordinal) || name == "launchSettings.json"
                    || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(SettingsFiles))]
    public void Settings_file_holds_no_signing_key(string file)
    {
        // Comments may show how to make a key; only settings count.
        var settings = File.ReadLines(Path.Combine(RepositoryRoot.Path, file)).Where(line => !line.TrimStart().StartsWith('#'));

        var literal = settings.SelectMany(line => KeyWithValue().Matches(line)).Select(m => m.Groups["value"].Value.Trim().Trim('"', '\''))
            .Where(value => value.Length > 0 && !value.StartsWith("${", StringComparison.Ordinal))
            .ToList();

        Assert.True(literal.Count == 0, $"{file} sets a signing key: {string.Join(", ", literal)}");
    }

    [Fact]
    public void The_settings_files_searched_include_the_ones_that_used_to_hold_keys()
    {
        var files = Files();

        Assert.Contains(Path.Combine("services", "Registry", "Properties", "launchSettings.json"), files);
        Assert.Contains(Path.Combine("services", "Standalone", "appsettings.json"), files);
        Assert.Contains("docker-compose.yml", files);
        Assert.Contains(Path.Combine("k8s", "overlays", "dev", "kustomization.yaml"), files);
    }

    private static IEnumerable<string> Walk(string folder) =>
        Directory.EnumerateFiles(folder).Concat(Directory.EnumerateDirectories(folder)
            .Where(d => !SkippedFolders.Contains(Path.GetFileName(d)))
            .SelectMany(Walk));

    /// <summary>
    /// A signing key given a value: "SigningKey": "…" (JSON), Auth__SigningKey: … or - Auth__SigningKey=… (YAML).
    /// A reference to a secret (a key name alone) or a required variable is not a value.
    /// </summary>
    [GeneratedRegex(@"SigningKey""?\s*[:=]\s*(?<value>[^\r\n,}]*)")]
    private static partial Regex KeyWithValue();
}
