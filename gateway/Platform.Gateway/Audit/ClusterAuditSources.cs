using System.Collections.Concurrent;
using Grpc.Net.Client;
using Platform.Audit.V1;
using Platform.BuildingBlocks.Audit;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Audit;

/// <summary>
/// The gateway's sources for the platform's audit API: each cluster whose metadata says
/// <c>"AuditTrail": "true"</c> (a service added to the gateway adds its trail with that line), read
/// through one of the cluster's healthy destinations, as YARP resolved and checked them.
/// </summary>
public sealed class ClusterAuditSources(IProxyStateLookup proxy, IConfiguration configuration) : IAuditSources, IDisposable
{
    public const string MetadataKey = "AuditTrail";

    private readonly TimeSpan _timeout = configuration.GetValue("Gateway:AuditTimeout", TimeSpan.FromSeconds(30));
    private readonly SocketsHttpHandler _handler = new() { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) };
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public IReadOnlyList<IAuditSource> All() => proxy.GetClusters()
        .Where(cluster => cluster.Model.Config.Metadata?.GetValueOrDefault(MetadataKey) == "true")
        .OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal)
        .Select(cluster => new RemoteAuditSource(cluster.ClusterId, () => Connect(cluster), _timeout))
        .ToList();

    private AuditLogService.AuditLogServiceClient? Connect(ClusterState cluster)
    {
        var available = cluster.DestinationsState.AvailableDestinations;
        if (available.Count == 0)
        {
            return null;
        }
        var address = available[Random.Shared.Next(available.Count)].Model.Config.Address;
        var channel = _channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a, new GrpcChannelOptions { HttpHandler = _handler, DisposeHttpClient = false }));
        return new AuditLogService.AuditLogServiceClient(channel);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
        _handler.Dispose();
    }
}
