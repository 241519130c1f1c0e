using System.Diagnostics;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The README's safeguarding walk-through, run as written (bash and curl) against the standalone host: a
/// concern with its section 42 decision and her desired outcomes, three incidents and a DASH assessment that
/// recommends MARAC, a household plan with its Think Family referral, the risk level reaching housing and
/// engagement, the disengagement that flags the plan, and closure with outcomes. If the README and the
/// platform part ways, this fails.
/// </summary>
public sealed class StandaloneSafeguardingTests : IAsyncLifetime
{
    private const string Marker = "<!-- walkthrough: safeguarding -->";

    private PlatformProcess _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", PlatformProcess.NoSetup);

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Readme_safeguarding_walkthrough_runs_from_concern_to_closure_and_the_other_services_react()
    {
        var (exitCode, output, errors) = await RunAsync(ReadmeBlock(), TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{errors}");
        // wait_for prints "still no …" when an event's effect never showed.
        Assert.DoesNotContain("still no", errors, StringComparison.Ordinal);
        string[] expected =
        [
            "\"fits\":true", // the refuge fits her at standard risk
            "STAGE_ENQUIRY",
            "Allowed from enquiry: plan, closed.",
            "STAGE_PLAN",
            "REFERRAL_KIND_THINK_FAMILY",
            "\"criteria\":[\"MARAC_CRITERION_VISIBLE_HIGH_RISK\",\"MARAC_CRITERION_POTENTIAL_ESCALATION\"]",
            "3 incidents in 12 months",
            "MARAC_CRITERION_VISIBLE_HIGH_RISK",
            "\"fits\":false", // housing heard of the high risk level
            "Disengagement detected (no-contact-high-risk)", // engagement's rule at high risk, and safeguarding's flag
            "\"kind\":\"WORK_KIND_REVIEW_DUE\"",
            "CAPACITY_OUTCOME_HAS_CAPACITY",
            "PLAN_STATUS_CLOSED",
            "STAGE_REVIEW",
            "STAGE_CLOSED",
            "area,year,measure,key,count",
            ",concerns,,1",
            ",section_42_enquiries,,1",
        ];
        AssertInOrder(output, expected);
    }

    /// <summary>The fenced bash block that follows the marker in README.md.</summary>
    private static string ReadmeBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var marker = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"README.md has no {Marker}");
        var start = readme.IndexOf("```bash\n", marker, StringComparison.Ordinal) + "```bash\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["H"] = $"{_platform.HttpAddress.Host}:{_platform.HttpAddress.Port}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static void AssertInOrder(string output, IEnumerable<string> expected)
    {
        var at = 0;
        foreach (var text in expected)
        {
            var found = output.IndexOf(text, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"Expected \"{text}\" after position {at} of the walk-through's output:\n{output}");
            at = found + text.Length;
        }
    }
}
