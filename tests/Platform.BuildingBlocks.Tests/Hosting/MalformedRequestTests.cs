using System.Text.RegularExpressions;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Security;
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
        var wrong = new List<string>();

        foreach (var (method, caller) in GrpcMethods())
        {
            // A caller the method admits: a refusal would answer before the body is read.
            using var http = _host.Http(caller);
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
            // The web app serves pages on the HTTP/1 port and has no gRPC methods of its own.
            .Where(name => name is not "ServiceDefaults" and not "EventBus" and not "PlatformWeb");

        Assert.Equal(added.Order(), WholePlatform.Additions.Order());
        foreach (var addition in WholePlatform.Additions)
        {
            Assert.Contains(GrpcMethods(), method => method.Method.ServiceName.StartsWith(WholePlatform.PackageOf(addition), StringComparison.Ordinal));
        }
    }

    private List<(IMethod Method, Identity Caller)> GrpcMethods() => _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Select(endpoint => (Method: endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method, Caller: CallerFor(endpoint)))
        .Where(pair => pair.Method is not null)
        .Select(pair => (pair.Method!, pair.Caller))
        .DistinctBy(pair => pair.Item1.FullName)
        .OrderBy(pair => pair.Item1.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>An admin where the method admits one, otherwise a caller in a role every [Authorize] on it names.</summary>
    private static Identity CallerFor(Endpoint endpoint)
    {
        var roleSets = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Where(data => !string.IsNullOrEmpty(data.Roles))
            .Select(data => data.Roles!.Split(',', StringSplitOptions.TrimEntries))
            .ToList();
        if (roleSets.Count == 0 || roleSets.All(roles => roles.Contains(PlatformRoles.Admin)))
        {
            return Admin;
        }
        var role = roleSets.Skip(1).Aggregate((IEnumerable<string>)roleSets[0], (common, roles) => common.Intersect(roles)).First();
        return Admin with { Role = role };
    }

    [GeneratedRegex(@"builder\.Add(?<service>\w+)\(")]
    private static partial Regex AddedService();
}
