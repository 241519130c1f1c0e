using System.Text.RegularExpressions;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Errors;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>
/// Bytes that are not the method's protobuf message, or not even gRPC framing, are the caller's
/// mistake: every method of every service (found from the host's endpoints, so a new service is
/// covered when it is added) answers INVALID_ARGUMENT, echoing none of them, and the host carries on.
/// </summary>
public sealed partial class MalformedRequestTests : IAsyncLifetime
{
    private const int Seed = 20_260_117;
    private static readonly Identity Admin = new("admin", "outreach-bristol", "E06000023", "admin@outreach-bristol");

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await WholePlatform.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_method_answers_invalid_argument_to_malformed_and_truncated_frames_and_the_host_stays_healthy()
    {
        var random = new Random(Seed);
        using var http = _host.Http(Admin);
        var wrong = new List<string>();

        foreach (var method in GrpcMethods())
        {
            foreach (var (kind, body, headers) in MalformedBodies.For(random))
            {
                var (code, message) = await RawGrpc.CallAsync(http, method.FullName, body, headers);
                if (code != StatusCode.InvalidArgument || message != UnreadableRequestException.Description)
                {
                    wrong.Add($"{method.FullName} ({method.Type}), {kind}: {code} '{message}'");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} malformed calls were not INVALID_ARGUMENT:\n{string.Join("\n", wrong.Take(30))}");
        var health = await new Health.HealthClient(_host.Channel(null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        await new Platform.Registry.V1.PeopleService.PeopleServiceClient(_host.Channel(Admin))
            .SearchPersonsAsync(new Platform.Registry.V1.SearchPersonsRequest { Name = "Catherine" });
    }

    [Fact]
    public void The_whole_platform_host_serves_every_service_the_standalone_host_adds()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "services", "Standalone", "Program.cs"));
        var added = AddedService().Matches(program).Select(match => match.Groups["service"].Value)
            .Where(name => name is not "ServiceDefaults" and not "EventBus");

        Assert.Equal(added.Order(), WholePlatform.Services.Order());
        foreach (var service in WholePlatform.Services)
        {
            Assert.Contains(GrpcMethods(), method => method.ServiceName.StartsWith($"platform.{service.ToLowerInvariant()}.", StringComparison.Ordinal));
        }
    }

    private List<IMethod> GrpcMethods() => _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
        .OfType<IMethod>()
        .DistinctBy(method => method.FullName)
        .OrderBy(method => method.FullName, StringComparer.Ordinal)
        .ToList();

    [GeneratedRegex(@"builder\.Add(?<service>\w+)\(")]
    private static partial Regex AddedService();
}
