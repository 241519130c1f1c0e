using System.Net;
using System.Net.Sockets;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>
/// A TCP relay in front of a real server that can be frozen: while frozen, every connection stays
/// open but no byte crosses in either direction. That is a broker that stopped answering without
/// closing anything (a confirm that never comes), which neither stopping the broker nor closing a
/// socket reproduces.
/// </summary>
public sealed class FreezableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _closing = new();
    private readonly List<TcpClient> _clients = [];
    private volatile TaskCompletionSource _thawed = Thawed();

    public FreezableProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Freeze() => _thawed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Thaw() => _thawed.TrySetResult();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_closing.Token);
                var outbound = new TcpClient();
                await outbound.ConnectAsync(_targetHost, _targetPort, _closing.Token);
                lock (_clients)
                {
                    _clients.Add(inbound);
                    _clients.Add(outbound);
                }
                _ = RelayAsync(inbound.GetStream(), outbound.GetStream());
                _ = RelayAsync(outbound.GetStream(), inbound.GetStream());
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _closing.Token);
                if (read == 0)
                {
                    break;
                }
                // Bytes read while frozen are held until the thaw, so nothing is lost, only late.
                await _thawed.Task.WaitAsync(_closing.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _closing.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static TaskCompletionSource Thawed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        Thaw();
        await _closing.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
        _closing.Dispose();
    }
}
