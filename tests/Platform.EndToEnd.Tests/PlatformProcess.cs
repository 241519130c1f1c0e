using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A host of the platform started as its own process (`dotnet X.dll`), with a gRPC HTTP/2-only port
/// and a JSON HTTP/1.1 port on loopback, ready once /ready answers 200.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    /// <summary>
    /// The Development key the processes of one test run share, made for the run and handed to each
    /// process in its environment, as compose hands its services AUTH_SIGNING_KEY.
    /// </summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    /// <summary>A first run, as the README gives it: Development and nothing configured, not even a signing key.</summary>
    public static Dictionary<string, string> NoSetup => new() { ["Auth__SigningKey"] = "" };

    private readonly Process _process;
    private readonly string _data;
    private readonly StringBuilder _output = new();

    private PlatformProcess(Process process, string data, int grpcPort, int httpPort)
    {
        _process = process;
        _data = data;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    /// <summary>Where the process keeps its SQLite files (one per service, e.g. <c>registry.db</c>).</summary>
    public string DataDirectory => _data;

    public int GrpcPort { get; }

    /// <summary>For reading its CPU time from /proc (the load suite).</summary>
    public int ProcessId => _process.Id;

    public int HttpPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Lines written so far (the load suite's log volume).</summary>
    public int OutputLines { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the named project's build output, e.g. ("services/Registry", "Platform.Registry"), with its
    /// own data folder that is deleted when the process is disposed. <paramref name="environment"/>
    /// overrides the defaults; an empty value removes the variable (e.g. <c>Auth__SigningKey</c>, to
    /// start as a first-time user would, with no key).
    /// </summary>
    public static async Task<PlatformProcess> StartAsync(string projectFolder, string assembly, IDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(RepositoryRoot.Path, projectFolder, "bin", RepositoryRoot.Configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build output not found: {dll}");
        }
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        start.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Kestrel__Endpoints__Http__Protocols"] = "Http1";
        start.Environment["Auth__SigningKey"] = SigningKey;
        var data = Path.Combine(Path.GetTempPath(), "platform-e2e", Guid.NewGuid().ToString("N"));
        start.Environment["Database__DataDirectory"] = data;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        var process = new PlatformProcess(Process.Start(start)!, data, grpcPort, httpPort);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        await process.WaitUntilHealthyAsync();
        return process;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // and for the last of its output
                throw new InvalidOperationException($"Process exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(HttpAddress, "/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Process did not become healthy:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            OutputLines++;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
