using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Platform.Deployment.Tests;

public sealed class DockerfileTests
{
    private static readonly string[] Lines = ReadInstructions();

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        var stages = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_the_project_and_assembly_as_build_arguments()
    {
        var buildStage = Stage(0);
        Assert.Contains("ARG PROJECT", buildStage);
        Assert.Contains("ARG ASSEMBLY", buildStage);
        Assert.Contains(buildStage, l => l.Contains("dotnet publish \"$PROJECT\"", StringComparison.Ordinal));
        Assert.Contains("ARG ASSEMBLY", Stage(1));
    }

    [Fact]
    public void Runs_as_the_non_root_app_user_and_exposes_the_grpc_and_http_ports()
    {
        var runtime = Stage(1);
        var user = Assert.Single(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Contains(user["USER ".Length..].Trim(), new[] { "$APP_UID", "${APP_UID}", "1654", "app" });
        Assert.Contains("EXPOSE 8080 8081", runtime);
    }

    [SkippableFact]
    public async Task Healthcheck_passes_on_a_200_from_ready_and_fails_otherwise()
    {
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);
        Skip.If(bash is null, "bash is not installed, so the HEALTHCHECK command could not be run.");

        var healthcheck = Assert.Single(Stage(1), l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var command = JsonSerializer.Deserialize<string[]>(healthcheck[healthcheck.IndexOf('[', StringComparison.Ordinal)..])!;
        Assert.Equal(["bash", "-c"], command[..2]);
        var script = command[2];
        Assert.Contains("/dev/tcp/127.0.0.1/8081", script, StringComparison.Ordinal);
        Assert.Contains("GET /ready HTTP/1.1", script, StringComparison.Ordinal);

        Assert.Equal(0, await RunAgainstAsync(bash, script, "HTTP/1.1 200 OK"));
        Assert.NotEqual(0, await RunAgainstAsync(bash, script, "HTTP/1.1 503 Service Unavailable"));
        Assert.NotEqual(0, await RunAgainstAsync(bash, script, response: null));
    }

    [Fact]
    public void Dockerignore_keeps_build_output_local_data_and_git_out_of_the_context()
    {
        var patterns = File.ReadAllLines(RepositoryRoot.File(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("**/bin/", patterns);
        Assert.Contains("**/obj/", patterns);
        Assert.Contains("data/", patterns);
        Assert.Contains(".git/", patterns);
        // Sources the images build from must stay in the context.
        Assert.DoesNotContain(patterns, p => p.TrimEnd('/') is "services" or "gateway" or "protos" or "*.props" or "global.json");
    }

    /// <summary>
    /// Runs the healthcheck script against a one-shot local listener answering with
    /// <paramref name="response"/>'s status line (or with nothing listening when null).
    /// </summary>
    private static async Task<int> RunAgainstAsync(string bash, string script, string? response)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        if (response is null)
        {
            listener.Stop();
        }

        var start = new ProcessStartInfo(bash) { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script.Replace("/8081", $"/{port}", StringComparison.Ordinal));
        using var process = Process.Start(start)!;

        if (response is not null)
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            var buffer = new byte[4096];
            var request = Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
            Assert.StartsWith("GET /ready HTTP/1.1\r\n", request, StringComparison.Ordinal);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{response}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>The Dockerfile's instructions, continuation lines joined and comments dropped.</summary>
    private static string[] ReadInstructions()
    {
        var instructions = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in File.ReadAllLines(RepositoryRoot.File("Dockerfile")))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }
            current.Append(line);
            instructions.Add(current.ToString());
            current.Clear();
        }
        return [.. instructions];
    }

    /// <summary>The instructions of the nth stage (0: build, 1: runtime).</summary>
    private static List<string> Stage(int index)
    {
        var stages = new List<List<string>>();
        foreach (var line in Lines)
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stages.Add([]);
            }
            if (stages.Count > 0)
            {
                stages[^1].Add(line);
            }
        }
        return stages[index];
    }
}
