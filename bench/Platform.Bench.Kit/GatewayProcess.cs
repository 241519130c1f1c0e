using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Bench;

/// <summary>
/// The real YARP gateway (its build output, as deployed) started in front of a service a benchmark
/// hosts, so a figure "through the gateway" includes the proxy hop over cleartext HTTP/2.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, int grpcPort)
    {
        _process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri GrpcAddress { get; }

    /// <summary>Starts the gateway with <paramref name="cluster"/> pointing at <paramref name="destination"/>.</summary>
    public static async Task<GatewayProcess> StartAsync(string cluster, Uri destination)
    {
        var dll = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(RepositoryRoot(), "gateway", "Platform.Gateway", "bin", configuration, "net10.0", "Platform.Gateway.dll"))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("Build the gateway first: dotnet build -c Release gateway/Platform.Gateway");
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // Development: the only environment that accepts the symmetric key the benchmark signs its tokens with.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        start.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Kestrel__Endpoints__Http__Protocols"] = "Http1";
        start.Environment[$"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address"] = destination.ToString();
        // The gateway validates tokens at the edge as the service does, and must not throttle the load it measures.
        start.Environment["Auth__SigningKey"] = ServiceHost.Auth.SigningKey;
        start.Environment["Gateway__RateLimits__PerCaller__TokenLimit"] = "1000000";
        start.Environment["Gateway__RateLimits__PerCaller__TokensPerPeriod"] = "1000000";
        start.Environment["Gateway__RateLimits__PerAgency__TokenLimit"] = "1000000";
        start.Environment["Gateway__RateLimits__PerAgency__TokensPerPeriod"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return new GatewayProcess(process, grpcPort);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The gateway did not become healthy.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The folder holding Platform.sln, above the benchmark's build output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
