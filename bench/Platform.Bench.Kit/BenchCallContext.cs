using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Security;

namespace Platform.Bench;

/// <summary>
/// Just enough of a gRPC server call for the handlers: the caller's claims, as the authentication
/// middleware would have set them on the HttpContext.
/// </summary>
public sealed class BenchCallContext : ServerCallContext
{
    // Grpc.AspNetCore looks the HttpContext up under this key when the context is not its own.
    private const string HttpContextKey = "__HttpContext";
    private readonly Dictionary<object, object> _state = [];

    public BenchCallContext(Caller caller)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, caller.Subject),
                .. caller.Roles.Select(role => new Claim(PlatformClaims.Role, role)),
                new Claim(PlatformClaims.Agency, caller.Agency),
                new Claim(PlatformClaims.Area, caller.LocalAuthority),
            ],
            authenticationType: "bench", nameType: PlatformClaims.Subject, roleType: PlatformClaims.Role);
        _state[HttpContextKey] = new DefaultHttpContext { User = new ClaimsPrincipal(identity) };
    }

    protected override string MethodCore => "/platform.registry.v1.PeopleService/SearchPersons";

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:0";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override IDictionary<object, object> UserStateCore => _state;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
