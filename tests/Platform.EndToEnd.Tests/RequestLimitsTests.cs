using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using ContactDetails = Platform.Engagement.V1.ContactDetails;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The limits a real Kestrel enforces, on the standalone process logging everything at Trace: a
/// JSON body or gRPC message past 256 KiB is refused before it is parsed, the bulk import stream may
/// be as long as it needs, and nothing sent in any of these (nor in requests Kestrel cannot even
/// parse) reaches the process's log.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private readonly string _mark = "zqx" + Guid.NewGuid().ToString("N")[..10];
    private PlatformProcess _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone", new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Grpc"] = "Trace",
        });

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Oversized_requests_are_refused_unparsed_the_import_stream_is_not_and_no_value_is_logged()
    {
        var token = await DevelopmentToken.GetAsync(_platform.HttpAddress, "partner_system", "police-avon", "E06000023");
        var auth = new Metadata { { "authorization", $"Bearer {token}" } };
        using var channel = GrpcChannel.ForAddress(_platform.GrpcAddress);

        using var http = new HttpClient { BaseAddress = _platform.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = "{\"details\": {\"sex\": \"" + _mark + new string('x', 1024 * 1024) + "\"}}";
        using var json = await http.PostAsync("/v1/persons", new StringContent(body, Encoding.UTF8, "application/json"));

        var grpc = await Assert.ThrowsAsync<RpcException>(() => new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = _mark + new string('y', 300 * 1024) } } },
        }, auth).ResponseAsync);

        using var import = new ContactService.ContactServiceClient(channel).ImportContacts(auth);
        const int items = 400;
        for (var i = 0; i < items; i++)
        {
            await import.RequestStream.WriteAsync(new ImportContactsRequest
            {
                SourceSystem = "niche", SourceId = $"{_mark}-{i}",
                Details = new ContactDetails { PersonId = Guid.NewGuid().ToString(), Note = _mark + new string('n', 3_900) },
            });
        }
        await import.RequestStream.CompleteAsync();
        var imported = await import.ResponseAsync;

        var badRequestLine = await SendRawAsync($"GET /v1/persons?name={_mark}\u0000 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var badHeader = await SendRawAsync($"GET /v1/persons HTTP/1.1\r\nHost: localhost\r\nX-{_mark}: \u0000{_mark}\r\n\r\n");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.True(grpc.StatusCode == StatusCode.ResourceExhausted, $"{grpc.StatusCode}: {grpc.Status.Detail}");
        Assert.Equal(items, imported.Results.Count);
        Assert.StartsWith("HTTP/1.1 400", badRequestLine, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400", badHeader, StringComparison.Ordinal);
        await AssertLoggedWithoutTheMarkAsync();
    }

    /// <summary>Waits for Kestrel's entry on the bad requests (logging is asynchronous), then looks for the mark.</summary>
    private async Task AssertLoggedWithoutTheMarkAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !_platform.Output.Contains("Kestrel.BadRequests", StringComparison.Ordinal); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, "Kestrel's bad requests were not logged at Trace, so the log proves nothing.");
        }
        var leaks = _platform.Output.Split('\n').Where(line => line.Contains(_mark, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines hold what a caller sent, e.g.:\n{string.Join("\n", leaks.Take(3).Select(l => l[..Math.Min(l.Length, 600)]))}");
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _platform.HttpPort);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
