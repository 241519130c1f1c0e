using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Testing;

namespace Platform.Faults.Tests;

/// <summary>
/// One of the platform's hosts as its own process (`dotnet X.dll`, its build output), on ports and
/// a data folder that stay the same across restarts, so that a process killed with SIGKILL comes
/// back over the same databases and the gateway finds it where it was.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;
    private readonly StreamWriter _log;
    private Process? _process;
    private bool _closed;

    private HostProcess(string name, string dll, string dataDirectory, int grpcPort, int httpPort, Dictionary<string, string> environment, StreamWriter log)
    {
        Name = name;
        _dll = dll;
        DataDirectory = dataDirectory;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _environment = environment;
        _log = log;
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public int Starts { get; private set; }

    /// <summary>The SQLite file of one service this host keeps.</summary>
    public string Database(string service) => Path.Combine(DataDirectory, service + ".db");

    public static async Task<HostProcess> StartAsync(
        string name, string projectFolder, string assembly, string folder, IDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot.Path, projectFolder, "bin", RepositoryRoot.Configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build output not found: {dll}");
        }
        var data = Path.Combine(folder, name);
        Directory.CreateDirectory(data);
        var log = new StreamWriter(Path.Combine(folder, name + ".log"), append: true) { AutoFlush = true };
        var host = new HostProcess(name, dll, data, FreePort(), FreePort(), new Dictionary<string, string>(environment), log);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{_dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort}";
        start.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{HttpPort}";
        start.Environment["Kestrel__Endpoints__Http__Protocols"] = "Http1";
        start.Environment["Auth__SigningKey"] = FaultRun.SigningKey;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = DataDirectory;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        Starts++;
        Write($"--- start {Starts} at {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: no shutdown, no flush, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            Write($"--- killed at {DateTimeOffset.UtcNow:O}");
        }
    }

    private async Task WaitUntilReadyAsync(Process process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting; see {Name}.log");
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
        throw new TimeoutException($"{Name} was not ready in {timeout}; see {Name}.log");
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            if (line is not null && !_closed)
            {
                _log.WriteLine(line);
            }
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
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
