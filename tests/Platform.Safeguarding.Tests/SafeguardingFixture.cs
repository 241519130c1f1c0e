using Dapper;
using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Registry;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.V1;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Testing;

namespace Platform.Safeguarding.Tests;

/// <summary>
/// One safeguarding host shared by every test of a class (real SQLite files, the in-memory bus, a
/// fake clock), recording the events it publishes. Tests make their own people known to it by
/// publishing the registry's access snapshots, so no two tests share a person.
/// </summary>
public sealed class SafeguardingFixture : IAsyncLifetime
{
    public const string Bristol = "E06000023";
    public const string Devon = "E10000008";
    public const string Outreach = "outreach-bristol";
    public const string Idva = "idva-bristol";

    public TestHost Host { get; private set; } = null!;

    public EventRecorder Events => Host.Events;

    public static readonly IReadOnlyList<System.Type> RecordedEvents =
    [
        typeof(ConcernRaised), typeof(EnquiryStarted), typeof(RiskLevelChanged), typeof(MaracReferralRecommended),
        typeof(PlanAgreed), typeof(PlanReviewed), typeof(PlanClosed), typeof(ActionOverdue), typeof(ThinkFamilyReferralRaised),
    ];

    public Task InitializeAsync() => StartAsync(rabbitMq: false);

    /// <summary>The same host over the real RabbitMQ broker, as in distributed mode.</summary>
    public async Task StartAsync(bool rabbitMq) => Host = await TestHost.StartAsync(
        builder => builder.AddSafeguarding(), app => app.MapSafeguarding(),
        new TestHostOptions { RabbitMq = rabbitMq, RecordEvents = RecordedEvents });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    /// <summary>The outreach support worker who works with the people the tests make known.</summary>
    public static Identity Worker => Identity.SupportWorker(Outreach, Bristol);

    /// <summary>Bristol adult social care's safeguarding lead: sees the people by area.</summary>
    public static Identity Lead => Identity.SafeguardingLead("asc-bristol", Bristol);

    /// <summary>A caller with no legitimate relationship with the people the tests make known.</summary>
    public static Identity Stranger => Identity.SupportWorker("police-devon", Devon);

    public SafeguardingClient As(Identity? who, string? breakGlassReason = null) => new(Host.Channel(who, breakGlassReason));

    /// <summary>A person the registry has told the service of, living in Bristol, with each agency involved.</summary>
    public async Task<string> PersonAsync(params string[] agencies)
    {
        agencies = agencies.Length == 0 ? [Outreach] : agencies;
        var personId = Guid.NewGuid().ToString();
        await Host.Bus.Publish(new PersonAccessChanged
        {
            PersonId = personId, Sequence = 1, Areas = [Bristol], OccurredAt = Now,
            Involvements = agencies.Select(agency => new AgencyInvolvement
            {
                InvolvementId = Guid.NewGuid().ToString(), Agency = agency, Since = Now.AddDays(-30),
            }).ToList(),
        });
        await Eventually.TrueAsync(async () =>
            await ScalarAsync<int>("SELECT COUNT(*) FROM access_involvements WHERE person_id = @PersonId", new { PersonId = personId }) == agencies.Length);
        return personId;
    }

    public async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var db = await Host.Service<SafeguardingDatabase>().OpenAsync();
        return await db.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }

    /// <summary>The audit entries written for a person, as "action basis" pairs.</summary>
    public async Task<IReadOnlyList<string>> AuditAsync(string personId)
    {
        await using var db = await Host.Service<SafeguardingDatabase>().OpenAsync();
        return (await db.QueryAsync<string>(
            "SELECT action || ' ' || basis FROM audit_log WHERE person_id = @PersonId ORDER BY seq", new { PersonId = personId })).ToList();
    }

    public static ConcernDetails Concern(string personId) => new()
    {
        PersonId = personId, Source = ConcernSource.VoluntarySector, RaisedBy = "outreach worker",
        Categories = { AbuseCategory.Domestic, AbuseCategory.FinancialOrMaterial },
        LocationOfRisk = RiskLocation.OwnHome, Description = "Bruising seen; says her partner takes her money.",
        ImmediateRisk = true, ImmediateAction = "Police called; safety plan agreed.",
    };

    /// <summary>A plan for one person as a safeguarding lead agrees it: one risk, one action due in a week, a review in four weeks.</summary>
    public AgreePlanRequest Plan(string personId) => new()
    {
        PersonId = personId, LeadProfessional = "Sam Social Worker", Level = RiskLevel.High,
        Risks = { new PlanRisk { Description = "Partner controls her money and phone; alcohol use", Level = RiskLevel.High } },
        Actions =
        {
            new PlanAction
            {
                Description = "Offer IDVA support and a safety plan", OwnerAgency = Idva, OwnerRole = "IDVA", DueAt = Now.AddDays(7).ToTimestamp(),
            },
        },
        Participants =
        {
            new Participant { Kind = ParticipantKind.Agency, Agency = Idva },
            new Participant { Kind = ParticipantKind.ThePerson },
            new Participant { Kind = ParticipantKind.Advocate, Description = "Independent advocate from the Care Act advocacy service" },
        },
        FamilyInvolvement = "Her sister attended the planning meeting at her request.",
        NextReviewAt = Now.AddDays(28).ToTimestamp(),
    };

    /// <summary>A concern raised by <paramref name="client"/> (its agency and area) at <paramref name="raisedAt"/>.</summary>
    public static Task<Concern> RaiseAsync(SafeguardingClient client, string personId, DateTimeOffset raisedAt)
    {
        var details = Concern(personId);
        details.RaisedAt = raisedAt.ToTimestamp();
        return client.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = details }).ResponseAsync;
    }

    /// <summary><see cref="Plan"/> with its actions replaced by one per due day given, each owned by <paramref name="owner"/>.</summary>
    public AgreePlanRequest PlanWithActions(string personId, string owner, params int[] dueInDays)
    {
        var request = Plan(personId);
        request.Actions.Clear();
        foreach (var days in dueInDays)
        {
            request.Actions.Add(new PlanAction
            {
                Description = $"Action due in {days} days", OwnerAgency = owner, OwnerRole = "key worker", DueAt = Now.AddDays(days).ToTimestamp(),
            });
        }
        return request;
    }
}
