using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Platform.Operations.V1;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The outbox admin API through the gateway, each service in its own process: the same method is
/// routed to the service named in the JSON path, or over gRPC in the <c>x-platform-service</c>
/// header; admins only, and each call is in that service's audit trail.
/// </summary>
public sealed class DistributedOutboxAdminTests : IAsyncLifetime
{
    private const string Bristol = "E06000023";
    private readonly List<PlatformProcess> _processes = [];
    private readonly Dictionary<string, PlatformProcess> _services = [];
    private PlatformProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        if (!Infrastructure.RabbitMqIsReachable)
        {
            return; // the test reports why it is skipped
        }
        var bus = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Host"] = Infrastructure.RabbitMqHost,
            ["Messaging__QueuePrefix"] = $"e2e-outbox-{Guid.NewGuid():N}-",
        };
        _services["registry"] = await StartAsync("services/Registry", "Platform.Registry", bus);
        _services["engagement"] = await StartAsync("services/Engagement", "Platform.Engagement", bus);
        _services["housing"] = await StartAsync("services/Housing", "Platform.Housing", bus);
        _gateway = await StartAsync("gateway/Platform.Gateway", "Platform.Gateway", new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = _services["registry"].GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = _services["engagement"].GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__housing__Destinations__primary__Address"] = _services["housing"].GrpcAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Admin_lists_and_requeues_each_services_parked_events_through_the_gateway()
    {
        Infrastructure.RequireRabbitMq();
        var parked = new Dictionary<string, string>();
        foreach (var service in _services.Keys)
        {
            parked[service] = await ParkAsync(service);
        }
        var admin = DevelopmentToken.Mint("admin", "platform-ops", Bristol, "ops@platform");
        var worker = DevelopmentToken.Mint("support_worker", "outreach-bristol", Bristol, "worker@outreach-bristol");
        using var http = new HttpClient { BaseAddress = _gateway.HttpAddress };
        using var channel = GrpcChannel.ForAddress(_gateway.GrpcAddress);
        var grpc = new OutboxAdminService.OutboxAdminServiceClient(channel);

        foreach (var (service, messageId) in parked)
        {
            // JSON: the service is in the path.
            var listed = await SendAsync(http, HttpMethod.Get, $"/v1/operations/{service}/outbox/parked", admin);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            var messages = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("messages");
            Assert.Equal(messageId, Assert.Single(messages.EnumerateArray()).GetProperty("messageId").GetString());
            // gRPC: the same method for every service, routed by the header.
            var headers = new Metadata { { "authorization", "Bearer " + admin }, { "x-platform-service", service } };
            var overGrpc = await grpc.ListParkedMessagesAsync(new ListParkedMessagesRequest { Service = service }, headers);
            Assert.Equal(messageId, Assert.Single(overGrpc.Messages).MessageId);
            var refused = await SendAsync(http, HttpMethod.Get, $"/v1/operations/{service}/outbox/parked", worker);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

            var requeued = await SendAsync(http, HttpMethod.Post, $"/v1/operations/{service}/outbox/parked/{messageId}:requeue", admin, "{}");
            var again = await SendAsync(http, HttpMethod.Post, $"/v1/operations/{service}/outbox/parked/{messageId}:requeue", admin, "{}");

            Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Equal(["outbox.parked.list", "outbox.parked.list", "outbox.parked.requeue", "outbox.parked.requeue"],
                await QueryAsync<string>(service, "SELECT action FROM audit_log WHERE actor = 'ops@platform' ORDER BY seq"));
        }
        var noHeader = await Assert.ThrowsAsync<RpcException>(() => grpc.ListParkedMessagesAsync(
            new ListParkedMessagesRequest { Service = "registry" }, new Metadata { { "authorization", "Bearer " + admin } }).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, noHeader.StatusCode);
    }

    /// <summary>An event of a type no deployed contract knows, already parked after its last attempt.</summary>
    private async Task<string> ParkAsync(string service)
    {
        var id = Guid.NewGuid().ToString();
        await QueryAsync<int>(service,
            """
            INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, attempts, last_error, parked_at)
            VALUES (@Id, 'registry.unheard-of.v1', '{}', '2026-01-01T00:00:00.0000000Z', 10, 'UnreadableOutboxRowException: test', '2026-01-01T00:00:00.0000000Z')
            """, id);
        return id;
    }

    private async Task<List<T>> QueryAsync<T>(string service, string sql, string? id = null)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_services[service].DataDirectory, service + ".db")};Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@Id", id ?? "");
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }
        return rows;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        return http.SendAsync(request);
    }

    private async Task<PlatformProcess> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        var process = await PlatformProcess.StartAsync(folder, assembly, environment);
        _processes.Add(process);
        return process;
    }
}
