using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.Faults.Tests;

/// <summary>
/// A RabbitMQ node of the test's own, beside whatever broker already runs on 5672 (which other
/// tests and people use, and which this test never touches): its own node name, AMQP and
/// distribution ports, database, logs and Erlang cookie in a temporary folder, and no plugins.
/// The test stops and starts it at will (<c>rabbitmqctl -n node shutdown</c>).
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private readonly string _folder;
    private readonly StringBuilder _log = new();
    private Process? _server;

    private RabbitMqNode(string folder, string nodeName, int port, int distributionPort)
    {
        _folder = folder;
        NodeName = nodeName;
        Port = port;
        DistributionPort = distributionPort;
    }

    public string NodeName { get; }

    public int Port { get; }

    public int DistributionPort { get; }

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Why the node cannot be run here, or null.</summary>
    public static string? Unavailable() =>
        File.Exists(Path.Combine(Bin, "rabbitmq-server")) && File.Exists(Path.Combine(Bin, "rabbitmqctl"))
            ? (Environment.UserName == "root" || Environment.UserName == "rabbitmq" ? null : "the broker's scripts run as root or rabbitmq only")
            : $"RabbitMQ is not installed ({Bin}/rabbitmq-server): apt-get install -y rabbitmq-server";

    public static async Task<RabbitMqNode> StartAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = Path.Combine(Path.GetTempPath(), "platform-faults", "rabbitmq-" + id);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        var cookie = Path.Combine(folder, "home", ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Guid.NewGuid().ToString("N").ToUpperInvariant());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a cookie others can read
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].");
        var node = new RabbitMqNode(folder, $"faults-{id}@localhost", FreePort(), FreePort());
        await node.StartAsync(TimeSpan.FromSeconds(180));
        return node;
    }

    /// <summary>Starts the node (again, over the same database) and waits until it takes connections.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path.Combine(Bin, "rabbitmq-server"))
        {
            WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Configure(start.Environment);
        // The distribution port is the server's alone: the CLI given it would take it first.
        start.Environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString();
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ node {NodeName} exited while starting:\n{Tail()}");
            }
            if (Infrastructure.CanConnect("127.0.0.1", Port) && await CtlAsync(TimeSpan.FromSeconds(30), "await_startup") == 0)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"RabbitMQ node {NodeName} did not start in {timeout}:\n{Tail()}");
    }

    /// <summary>Stops the node the way an operator would; its queues and messages stay on disk.</summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited)
        {
            return;
        }
        await CtlAsync(TimeSpan.FromSeconds(60), "shutdown");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _server.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
    }

    /// <summary>Every queue with the number of messages ready in it.</summary>
    public async Task<IReadOnlyList<(string Queue, long Messages)>> ListQueuesAsync()
    {
        var output = new StringBuilder();
        var code = await CtlAsync(TimeSpan.FromSeconds(60), output, "-q", "list_queues", "--no-table-headers", "name", "messages");
        if (code != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl list_queues failed ({code}): {output}");
        }
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', ' '))
            .Where(parts => parts.Length >= 2 && long.TryParse(parts[^1], out _))
            .Select(parts => (parts[0], long.Parse(parts[^1])))
            .ToList();
    }

    private void Configure(IDictionary<string, string?> environment)
    {
        // HOME holds the Erlang cookie that the server and rabbitmqctl share; every other file is the
        // node's own, never the system broker's (its configuration, environment file, database).
        environment["HOME"] = Path.Combine(_folder, "home");
        environment["RABBITMQ_NODENAME"] = NodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = Port.ToString();
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        environment["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "node.pid");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq");
        environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_folder, "advanced.config");
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_folder, "rabbitmq-env.conf");
        environment.Remove("RABBITMQ_DIST_PORT");
    }

    private Task<int> CtlAsync(TimeSpan timeout, params string[] arguments) => CtlAsync(timeout, new StringBuilder(), arguments);

    private async Task<int> CtlAsync(TimeSpan timeout, StringBuilder output, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Bin, "rabbitmqctl"))
        {
            WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Configure(start.Environment);
        using var ctl = Process.Start(start)!;
        var stdout = ctl.StandardOutput.ReadToEndAsync();
        var stderr = ctl.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await ctl.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            ctl.Kill(entireProcessTree: true);
            return -1;
        }
        output.Append(await stdout).Append(await stderr);
        return ctl.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private string Tail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }

    /// <summary>A free port outside the range rabbitmqctl takes for itself (35672-35682).</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port is < 35672 or > 35682)
            {
                return port;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
            }
            _server?.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
