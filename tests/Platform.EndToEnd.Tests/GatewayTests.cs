using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Registry.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The distributed shape: the registry as its own process, the YARP gateway as another, and a
/// partner system calling the gateway over gRPC (cleartext HTTP/2) and JSON (HTTP/1.1).
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private PlatformProcess _registry = null!;
    private PlatformProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _registry = await PlatformProcess.StartAsync("services/Registry", "Platform.Registry");
        _gateway = await PlatformProcess.StartAsync("gateway/Platform.Gateway", "Platform.Gateway",
            new Dictionary<string, string>
            {
                ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = _registry.GrpcAddress.ToString(),
            });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task Grpc_call_through_the_gateway_reaches_the_registry_process()
    {
        var token = await DevelopmentToken.GetAsync(_gateway.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        using var channel = GrpcChannel.ForAddress(_gateway.GrpcAddress);
        var people = new PeopleService.PeopleServiceClient(channel);
        var auth = new Metadata { { "authorization", $"Bearer {token}" } };

        var registered = await people.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Maria", FamilyName = "Thompson" } } },
            Address = new Address { Lines = { "5 Quay Street" }, LocalAuthority = "E06000023" },
        }, auth);
        var found = await people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Marie Thomspon" }, auth);

        Assert.Equal(registered.Person.PersonId, Assert.Single(found.Matches).PersonId);
    }

    [Fact]
    public async Task Grpc_call_through_the_gateway_without_a_token_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(_gateway.GrpcAddress);
        var people = new PeopleService.PeopleServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            people.GetPersonAsync(new GetPersonRequest { PersonId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Json_through_the_gateway_registers_and_reads_back()
    {
        var token = await DevelopmentToken.GetAsync(_gateway.HttpAddress, "housing_officer", "housing-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var created = await http.PostAsJsonAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Alice", familyName = "Jones" } } },
        });
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("person").GetProperty("personId").GetString();
        var read = await http.GetAsync($"/v1/persons/{id}");

        read.EnsureSuccessStatusCode();
        using var person = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal("Jones", person.RootElement.GetProperty("details").GetProperty("names")[0].GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Garbage_sent_through_the_gateway_is_the_callers_invalid_argument()
    {
        var token = await DevelopmentToken.GetAsync(_gateway.HttpAddress, "support_worker", "outreach-bristol", "E06000023");
        using var http = new HttpClient { BaseAddress = _gateway.GrpcAddress };
        // One gRPC frame (flag, big-endian length) holding bytes that are no protobuf message: field number zero.
        byte[] frame = [0, 0, 0, 0, 4, 0x00, 0xDE, 0xAD, 0xBE];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/platform.registry.v1.PeopleService/GetPerson")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TE.ParseAdd("trailers");

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.Headers.TryGetValues("grpc-status", out var values) || response.TrailingHeaders.TryGetValues("grpc-status", out values)
            ? values.Single() : null;
        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
    }
}
