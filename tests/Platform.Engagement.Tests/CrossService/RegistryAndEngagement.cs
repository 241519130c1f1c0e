using Dapper;
using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Tests.Grpc;
using Platform.IntegrationEvents.Engagement;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>
/// The registry and the engagement service in one host, talking only through the bus: people are
/// registered, involved and moved through the registry's gRPC API, as a caseworker would.
/// </summary>
public sealed class RegistryAndEngagement(TestHost host)
{
    public const string Drugs = "drugs-bristol";

    public static readonly Identity Worker = Identity.SupportWorker();

    public static TestHostOptions Options(bool rabbitMq = false) => new()
    {
        RabbitMq = rabbitMq,
        RecordEvents = [typeof(DisengagementDetected), typeof(CrossBoundaryHandoverRequested)],
    };

    public TestHost Host => host;

    public EngagementClient Engagement(Identity who, string? breakGlassReason = null) => new(host.Channel(who, breakGlassReason));

    /// <summary>Registers a person in <paramref name="area"/> with a second agency involved; returns once the engagement service knows both.</summary>
    public async Task<Person> RegisterAsync(string given, string family, string area = EngagementFixture.Bristol, DateTimeOffset? livingThereSince = null)
    {
        var channel = host.Channel(Worker);
        var address = new Address { Lines = { "2 Station Road" }, LocalAuthority = area };
        if (livingThereSince is { } since)
        {
            address.From = Timestamp.FromDateTimeOffset(since);
        }
        var person = (await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
                DateOfBirth = new Registry.V1.PartialDate { Year = 1984 },
            },
            Address = address,
            ConfirmedNotDuplicate = true,
        })).Person;
        // Another agency is brought in by a lead for her: here the registering agency's safeguarding lead.
        await new InvolvementService.InvolvementServiceClient(host.Channel(Identity.SafeguardingLead(Worker.Agency, Worker.Area)))
            .StartInvolvementAsync(new StartInvolvementRequest
            {
                PersonId = person.PersonId, Agency = Drugs, LawfulBasis = LawfulBasis.Consent, Reason = "referred for drug treatment",
            });
        // The access projection and the chronology read the same events from queues of their own.
        await Eventually.TrueAsync(async () =>
            await CountAsync("SELECT COUNT(*) FROM access_involvements WHERE person_id = @PersonId", person.PersonId) == 2
            && await CountAsync("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId AND kind = 'involvement-started'", person.PersonId) == 2,
            TimeSpan.FromSeconds(30));
        return person;
    }

    public async Task MoveAsync(Person person, string area, DateTimeOffset? from = null)
    {
        var address = new Address { Lines = { "3 Mill Lane" }, LocalAuthority = area, From = Timestamp.FromDateTimeOffset(from ?? host.Clock.GetUtcNow()) };
        await new AddressService.AddressServiceClient(host.Channel(Worker)).RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId, ExpectedVersion = person.Version, Address = address,
        });
    }

    public async Task<int> CountAsync(string sql, string personId)
    {
        await using var db = await host.Service<EngagementDatabase>().OpenAsync();
        return await db.ExecuteScalarAsync<int>(sql, new { PersonId = personId });
    }

    /// <summary>
    /// The whole journey: registered in Bristol with two agencies, moved to South Gloucestershire (a
    /// handover the receiving area sees), then three failed attempts (an alert to both agencies).
    /// </summary>
    public async Task MoveAndDisengageAsync(string given, string family)
    {
        var person = await RegisterAsync(given, family);
        await MoveAsync(person, EngagementFixture.SouthGloucestershire);

        var timeout = TimeSpan.FromSeconds(30);
        var requested = await host.Events.WaitForAsync<CrossBoundaryHandoverRequested>(e => e.PersonId == person.PersonId, timeout);
        Assert.Equal((EngagementFixture.Bristol, EngagementFixture.SouthGloucestershire), (requested.FromLocalAuthority, requested.ToLocalAuthority));
        Assert.Equal([Drugs, EngagementFixture.Outreach], requested.SendingAgencies.Order(StringComparer.Ordinal));
        var receiving = Engagement(Identity.SupportWorker("outreach-sglos", EngagementFixture.SouthGloucestershire));
        var handovers = await receiving.Outreach.ListHandoversAsync(new Engagement.V1.ListHandoversRequest());
        Assert.Contains(handovers.Handovers, h => h.HandoverId == requested.HandoverId);

        var worker = Engagement(Worker);
        for (var day = 3; day > 0; day--)
        {
            await worker.RecordAsync(Contacts.Attempted(person.PersonId, host.Clock.GetUtcNow().AddDays(-day)));
        }
        var detected = await host.Events.WaitForAsync<DisengagementDetected>(e => e.PersonId == person.PersonId, timeout);
        Assert.Equal("consecutive-attempts", detected.Rule);
        Assert.Equal([Drugs, EngagementFixture.Outreach], detected.Agencies.Order(StringComparer.Ordinal));
    }
}
