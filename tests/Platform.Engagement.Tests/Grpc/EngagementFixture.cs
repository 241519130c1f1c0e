using Dapper;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Engagement.Tests.Grpc;

/// <summary>
/// One engagement host shared by every test of a class (its SQLite files live as long as the class),
/// recording the events the service publishes. Tests make their own people known to it by
/// publishing the registry's events, so no two tests share a person.
/// </summary>
public class EngagementFixture : IAsyncLifetime
{
    public const string Bristol = "E06000023";
    public const string SouthGloucestershire = "E06000025";
    public const string Devon = "E10000008";
    public const string Outreach = "outreach-bristol";

    public TestHost Host { get; private set; } = null!;

    public EventRecorder Events => Host.Events;

    protected virtual TestHostOptions Options => new()
    {
        RecordEvents =
        [
            typeof(ContactRecorded), typeof(DisengagementDetected), typeof(CrossBoundaryHandoverRequested), typeof(HandoverAcknowledged),
        ],
    };

    public async Task InitializeAsync() => Host = await EngagementHost.StartAsync(Options);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public EngagementClient As(Identity? who, string? breakGlassReason = null) => new(Host.Channel(who, breakGlassReason));

    /// <summary>A caller with no legitimate relationship with the people the tests make known in Bristol.</summary>
    public static Identity Stranger => Identity.SupportWorker("police-devon", Devon);

    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    /// <summary>
    /// A person the registry has told the engagement service of: registered living in <paramref name="area"/>
    /// (none: no address), with each agency involved; returns once the service's projection has all of it.
    /// </summary>
    public async Task<string> PersonAsync(string? area = Bristol, params string[] agencies)
    {
        agencies = agencies.Length == 0 ? [Outreach] : agencies;
        var personId = Guid.NewGuid().ToString();
        var since = Now.AddDays(-60);
        var involvements = agencies.Select(agency => new AgencyInvolvement { InvolvementId = Guid.NewGuid().ToString(), Agency = agency, Since = since }).ToList();
        await PublishStateAsync(new PersonAccessChanged
        {
            PersonId = personId, Sequence = 1, Involvements = involvements, Areas = area is null ? [] : [area], OccurredAt = Now,
        });
        await Host.Bus.Publish(new PersonAddressesChanged
        {
            PersonId = personId, Sequence = 1, OccurredAt = Now,
            Addresses = area is null ? [] : [new AddressPeriod { LocalAuthority = area, From = since }],
        });
        foreach (var involvement in involvements)
        {
            await Host.Bus.Publish(new InvolvementStarted
            {
                InvolvementId = involvement.InvolvementId, PersonId = personId, Agency = involvement.Agency, Since = since, OccurredAt = Now,
            });
        }
        // Access, chronology and area each read these events from a queue of their own: tests that count
        // entries or list by area need all three in place, not just the first to arrive.
        await Eventually.TrueAsync(async () =>
            await ScalarAsync<int>("SELECT COUNT(*) FROM access_involvements WHERE person_id = @PersonId", personId) == agencies.Length
            && await ScalarAsync<int>("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId", personId) == agencies.Length
            && (area is null || await ScalarAsync<string?>("SELECT local_authority FROM person_context WHERE person_id = @PersonId", personId) == area));
        return personId;
    }

    /// <summary>The registry's last access snapshot of each record the tests made known, to change and publish again.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PersonAccessChanged> _states = new(StringComparer.Ordinal);

    /// <summary>Publishes a change to a record's access state as the registry would: the last snapshot changed, with the next sequence.</summary>
    public Task ChangeStateAsync(string personId, Func<PersonAccessChanged, PersonAccessChanged> change) =>
        PublishStateAsync(change(_states[personId]) with { Sequence = _states[personId].Sequence + 1, OccurredAt = Now });

    /// <summary>Links <paramref name="linked"/> into <paramref name="kept"/>; returns once the projection has the link.</summary>
    public async Task LinkAsync(string kept, string linked)
    {
        await Host.Bus.Publish(new PersonsLinked { LinkId = Guid.NewGuid().ToString(), PersonId = kept, OtherPersonId = linked, OccurredAt = Now });
        await ChangeStateAsync(linked, state => state with { LinkedTo = kept });
        await Eventually.TrueAsync(async () => await ScalarAsync<int>("SELECT COUNT(*) FROM access_links WHERE other_person_id = @PersonId", linked) == 1);
    }

    private async Task PublishStateAsync(PersonAccessChanged state)
    {
        _states[state.PersonId] = state;
        await Host.Bus.Publish(state);
    }

    public Task<int> ContactCountAsync(string personId) =>
        ScalarAsync<int>("SELECT COUNT(*) FROM contacts WHERE person_id = @PersonId", personId);

    public Task<int> ChronologyCountAsync(string personId) =>
        ScalarAsync<int>("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId", personId);

    /// <summary>The audit entries written for a person, as "action basis" pairs.</summary>
    public async Task<IReadOnlyList<string>> AuditAsync(string personId)
    {
        await using var db = await Host.Service<EngagementDatabase>().OpenAsync();
        var rows = await db.QueryAsync<string>(
            "SELECT action || ' ' || basis FROM audit_log WHERE person_id = @PersonId ORDER BY seq", new { PersonId = personId });
        return rows.ToList();
    }

    public Task<T> ScalarAsync<T>(string sql, string personId) => ScalarAsync<T>(sql, (object)new { PersonId = personId });

    public async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var db = await Host.Service<EngagementDatabase>().OpenAsync();
        return await db.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }
}
