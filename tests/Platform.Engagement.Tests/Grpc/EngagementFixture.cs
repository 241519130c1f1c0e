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
        await Host.Bus.Publish(new PersonRegistered
        {
            PersonId = personId, RegisteredByAgency = agencies[0], LocalAuthority = area, OccurredAt = Now.AddDays(-60),
        });
        foreach (var agency in agencies)
        {
            await Host.Bus.Publish(new InvolvementStarted
            {
                InvolvementId = Guid.NewGuid().ToString(), PersonId = personId, Agency = agency, Since = Now.AddDays(-60), OccurredAt = Now,
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
