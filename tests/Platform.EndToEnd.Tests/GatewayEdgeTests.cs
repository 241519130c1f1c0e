using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Audit.V1;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using ContactDetails = Platform.Engagement.V1.ContactDetails;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The gateway's edge as a real process in front of the registry and engagement processes, with
/// small limits: tokens checked before anything is forwarded, calls limited per caller and per
/// agency, request bodies bounded except for the contact import stream, internal services closed.
/// Each test calls as its own agency, so the buckets of one test do not touch another's.
/// </summary>
public sealed class GatewayEdgeTests(GatewayEdgeTests.EdgePlatform platform) : IClassFixture<GatewayEdgeTests.EdgePlatform>
{
    private const string Bristol = "E06000023";
    private const int BodyLimit = 64 * 1024;

    [Fact]
    public async Task Token_signed_with_another_key_is_refused_at_the_edge_before_any_service_is_tried()
    {
        var forged = DevelopmentToken.Mint("support_worker", "edge-forged", Bristol, "intruder", "another-key-of-at-least-thirty-two-characters");
        var housing = new Metadata { { "authorization", $"Bearer {forged}" } };
        using var channel = GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);

        // Housing has no live destination here: only the edge can answer, and it answers as the services would.
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker()
            .AsyncUnaryCall(HousingNeedsRead, null, new CallOptions(housing), new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_caller_over_its_limit_is_told_resource_exhausted_with_when_to_retry()
    {
        var people = People("edge-caller", "caller@edge-caller");
        for (var call = 0; call < EdgePlatform.CallerLimit; call++)
        {
            await Assert.ThrowsAsync<RpcException>(() => people.Client.GetPersonAsync(Unknown(), people.Auth).ResponseAsync); // NOT_FOUND, but served
        }

        var over = people.Client.GetPersonAsync(Unknown(), people.Auth);
        var error = await Assert.ThrowsAsync<RpcException>(() => over.ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var retry = error.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>();
        Assert.NotNull(retry);
        Assert.True(retry.RetryDelay.Seconds > 0);
        Assert.NotNull((await over.ResponseHeadersAsync).GetValue("retry-after"));
    }

    [Fact]
    public async Task Json_over_the_callers_limit_is_429_with_retry_after()
    {
        using var http = Json("edge-json", "json@edge-json");
        for (var call = 0; call < EdgePlatform.CallerLimit; call++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v1/persons/{Guid.NewGuid()}")).StatusCode);
        }

        var over = await http.GetAsync($"/v1/persons/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.True(over.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("google.rpc.RetryInfo", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agencys_callers_share_its_limit_and_another_agency_is_not_held_back()
    {
        var first = People("edge-agency", "first@edge-agency");
        var second = People("edge-agency", "second@edge-agency");
        var other = People("edge-other", "other@edge-other");
        for (var call = 0; call < EdgePlatform.CallerLimit; call++)
        {
            await Served(first);
        }
        for (var call = EdgePlatform.CallerLimit; call < EdgePlatform.AgencyLimit; call++)
        {
            await Served(second);
        }

        var over = await Assert.ThrowsAsync<RpcException>(() => second.Client.GetPersonAsync(Unknown(), second.Auth).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
        await Served(other);
    }

    [Fact]
    public async Task Json_body_over_the_limit_is_refused_with_413()
    {
        using var http = Json("edge-body", "body@edge-body");

        var response = await http.PostAsync("/v1/persons", new StringContent(
            $"{{\"details\": {{\"names\": [{{\"givenNames\": \"{new string('a', 2 * BodyLimit)}\"}}]}}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Grpc_message_over_the_limit_is_resource_exhausted_at_the_edge()
    {
        var people = People("edge-message", "message@edge-message");

        var error = await Assert.ThrowsAsync<RpcException>(() => people.Client.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = new string('a', 2 * BodyLimit), FamilyName = "Long" } } },
        }, people.Auth).ResponseAsync);

        // Without the edge's limit the registry would answer INVALID_ARGUMENT for the name's length.
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Contact_import_streams_through_past_the_body_limit()
    {
        var token = DevelopmentToken.Mint("partner_system", "edge-import", Bristol, "import@edge-import");
        using var channel = GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);
        var contacts = new ContactService.ContactServiceClient(channel);
        using var import = contacts.ImportContacts(new Metadata { { "authorization", $"Bearer {token}" } });
        const int Items = 200;
        for (var i = 0; i < Items; i++)
        {
            await import.RequestStream.WriteAsync(new ImportContactsRequest
            {
                SourceSystem = "edge-test", SourceId = $"item-{i}",
                Details = new ContactDetails
                {
                    PersonId = Guid.NewGuid().ToString(), ContactAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
                    Channel = Channel.Phone, Outcome = Outcome.Attempted, Note = new string('n', 1000),
                },
            });
        }
        await import.RequestStream.CompleteAsync();

        var response = await import.ResponseAsync;

        Assert.True(Items * 1000 > 2 * BodyLimit);
        Assert.Equal(Items, response.Results.Count); // each answered: these people are unknown to the service, so rejected
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("support_worker")]
    public async Task The_services_internal_audit_endpoint_is_not_reachable_through_the_gateway(string role)
    {
        var token = DevelopmentToken.Mint(role, $"edge-internal-{role}", Bristol, $"{role}@edge-internal");
        using var channel = GrpcChannel.ForAddress(platform.Gateway.GrpcAddress);
        var internalLog = new AuditLogService.AuditLogServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => internalLog.ReadAuditLogAsync(new ReadAuditLogRequest
        {
            Service = "registry", Agency = "anyone", From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            Until = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        }, new Metadata { { "authorization", $"Bearer {token}" } }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static readonly Method<Empty, Empty> HousingNeedsRead =
        new(MethodType.Unary, "platform.housing.v1.NeedsService", "GetNeeds", Marshallers.Create(_ => [], _ => new Empty()), Marshallers.Create(_ => [], _ => new Empty()));

    private static GetPersonRequest Unknown() => new() { PersonId = Guid.NewGuid().ToString() };

    private static async Task Served((PeopleService.PeopleServiceClient Client, Metadata Auth) caller)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => caller.Client.GetPersonAsync(Unknown(), caller.Auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private (PeopleService.PeopleServiceClient Client, Metadata Auth) People(string agency, string subject)
    {
        var token = DevelopmentToken.Mint("support_worker", agency, Bristol, subject);
        return (new PeopleService.PeopleServiceClient(platform.Channel), new Metadata { { "authorization", $"Bearer {token}" } });
    }

    private HttpClient Json(string agency, string subject)
    {
        var http = new HttpClient { BaseAddress = platform.Gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentToken.Mint("support_worker", agency, Bristol, subject));
        return http;
    }

    /// <summary>The registry and engagement processes and a gateway with small limits, shared by the class.</summary>
    public sealed class EdgePlatform : IAsyncLifetime
    {
        public const int CallerLimit = 3;
        public const int AgencyLimit = 5;

        private PlatformProcess _registry = null!;
        private PlatformProcess _engagement = null!;

        public PlatformProcess Gateway { get; private set; } = null!;

        public GrpcChannel Channel { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _registry = await PlatformProcess.StartAsync("services/Registry", "Platform.Registry");
            _engagement = await PlatformProcess.StartAsync("services/Engagement", "Platform.Engagement");
            Gateway = await PlatformProcess.StartAsync("gateway/Platform.Gateway", "Platform.Gateway", new Dictionary<string, string>
            {
                ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = _registry.GrpcAddress.ToString(),
                ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = _engagement.GrpcAddress.ToString(),
                ["ReverseProxy__Clusters__housing__Destinations__primary__Address"] = "http://127.0.0.1:9",
                ["Gateway__MaxRequestBodySize"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Gateway__RateLimits__PerCaller__TokenLimit"] = $"{CallerLimit}",
                ["Gateway__RateLimits__PerCaller__TokensPerPeriod"] = "1",
                ["Gateway__RateLimits__PerCaller__ReplenishmentPeriod"] = "00:10:00",
                ["Gateway__RateLimits__PerAgency__TokenLimit"] = $"{AgencyLimit}",
                ["Gateway__RateLimits__PerAgency__TokensPerPeriod"] = "1",
                ["Gateway__RateLimits__PerAgency__ReplenishmentPeriod"] = "00:10:00",
            });
            Channel = GrpcChannel.ForAddress(Gateway.GrpcAddress);
        }

        public async Task DisposeAsync()
        {
            Channel.Dispose();
            await Gateway.DisposeAsync();
            await _engagement.DisposeAsync();
            await _registry.DisposeAsync();
        }
    }
}
