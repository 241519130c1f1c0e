using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Security;

namespace Platform.Web.Demo;

/// <summary>
/// Writes the <see cref="DemoDataSet"/> through the platform's public gRPC API, as the people of
/// its agencies would (each call with a Development token of the agency that would make it), so
/// that every rule, audit entry and event is the real one. Development only: the tokens come from
/// the Development token issuer, which does not exist elsewhere.
/// <para>Idempotent: every person carries an identifier of her own and is looked up before she is
/// registered, contacts are imported under keys of their own, relationships and involvements that
/// exist already are skipped; the marker person is registered last, so a complete load is
/// recognised and not repeated.</para>
/// <para>This part holds the order of the load; each service's calls are in a part of their own
/// (DemoLoader.People, .Contacts, .Housing, .Safeguarding).</para>
/// </summary>
public sealed partial class DemoLoader(WebOptions options, AuthOptions auth, ILogger<DemoLoader> logger)
{
    private static readonly TimeSpan ProjectionWait = TimeSpan.FromSeconds(60);

    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken)
    {
        using var channel = OpenChannel();
        var data = new DemoDataSet();
        return await FindAsync(channel, data.Marker, cancellationToken) is not null;
    }

    public async Task<DemoLoadReport> LoadAsync(CancellationToken cancellationToken)
    {
        var data = new DemoDataSet();
        using var channel = OpenChannel();
        if (await FindAsync(channel, data.Marker, cancellationToken) is not null)
        {
            return new DemoLoadReport(AlreadyLoaded: true, data.People.Count, 0);
        }
        var ids = new Dictionary<DemoPerson, string>();
        var versions = new Dictionary<DemoPerson, long>();
        foreach (var person in data.People.Skip(1))
        {
            (ids[person], versions[person]) = await RegisterAsync(channel, person, cancellationToken);
        }
        foreach (var woman in data.Women.Where(ids.ContainsKey))
        {
            await InvolveAsync(channel, woman, ids[woman], cancellationToken);
        }
        foreach (var relationship in data.Relationships.Where(r => ids.ContainsKey(r.From) && ids.ContainsKey(r.To)))
        {
            await RelateAsync(channel, relationship, ids, cancellationToken);
        }
        var contacts = 0;
        foreach (var group in data.Contacts.Where(c => ids.ContainsKey(c.Person)).GroupBy(c => c.Person))
        {
            contacts += await ImportAsync(channel, group.Key, ids[group.Key], group.ToList(), cancellationToken);
        }
        await HousingAsync(channel, data, ids, cancellationToken);
        foreach (var woman in data.Concerns.Where(ids.ContainsKey))
        {
            await SafeguardingAsync(channel, woman, ids[woman], cancellationToken);
        }
        foreach (var move in data.Moves.Where(m => ids.ContainsKey(m.Person)))
        {
            await MoveAsync(channel, move, ids[move.Person], cancellationToken);
        }
        await RegisterAsync(channel, data.Marker, cancellationToken);
        logger.LogInformation("Demo data set loaded: {People} people, {Contacts} contacts", data.People.Count, contacts);
        return new DemoLoadReport(AlreadyLoaded: false, data.People.Count, contacts);
    }

    private GrpcChannel OpenChannel() => GrpcChannel.ForAddress(options.PlatformAddress, new GrpcChannelOptions
    {
        UnsafeUseInsecureChannelCallCredentials = options.PlatformAddress.Scheme == Uri.UriSchemeHttp,
    });

    /// <summary>
    /// A call about someone another service learns of by the registry's events: until it has, she is
    /// unknown there (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED or a rejected import). Tried again
    /// for up to a minute.
    /// </summary>
    private static async Task<T> UntilKnownAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ProjectionWait;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException error) when (error.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.PermissionDenied
                                                 or StatusCode.FailedPrecondition && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private CallOptions As(string role, string agency, DemoArea area, CancellationToken cancellationToken)
    {
        var token = DevelopmentTokens.Issue(auth, $"demo-{role}-{agency}", role, agency, area.Code, TimeSpan.FromMinutes(30));
        return new CallOptions(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(60), cancellationToken);
    }
}

public sealed record DemoLoadReport(bool AlreadyLoaded, int People, int Contacts);
