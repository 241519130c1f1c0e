using System.Net.Sockets;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// Probes for the infrastructure some tests need. Outside CI an absent broker or Docker engine
/// makes those tests report as skipped with the reason; in CI (CI=true) the broker is required,
/// so its absence fails the run instead of hiding behind a skip.
/// </summary>
public static class Infrastructure
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RabbitMqHost => Environment.GetEnvironmentVariable("RABBITMQ_HOST") ?? "127.0.0.1";

    /// <summary>Probed once per test process: a busy machine running many tests at once must not read as "no broker".</summary>
    private static readonly Lazy<bool> RabbitMqReachable = new(() => CanConnect(RabbitMqHost, 5672));

    public static bool RabbitMqIsReachable => RabbitMqReachable.Value;

    public static void RequireRabbitMq()
    {
        var reachable = RabbitMqReachable.Value;
        if (!reachable && IsCi)
        {
            throw new InvalidOperationException($"RabbitMQ is not reachable on {RabbitMqHost}:5672 in CI; .ci/run should have started it.");
        }
        Skip.IfNot(reachable, $"RabbitMQ is not reachable on {RabbitMqHost}:5672 (start it with: rabbitmq-server -detached)");
    }

    public static bool CanConnect(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            // Generous: under load (two cores, test assemblies in parallel) a loopback connect can take seconds.
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(10)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
