using Dapper;
using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Tests.Grpc;
using Platform.Housing;
using Platform.Housing.V1;
using Platform.Registry;
using Platform.Registry.V1;
using Platform.Safeguarding;
using Platform.Testing;
using RegistryAddress = Platform.Registry.V1.Address;

namespace Platform.Engagement.Tests.CrossService.Confidential;

/// <summary>
/// A woman who lived in North Somerset (her former area) and has moved to a refuge in South
/// Gloucestershire (the refuge area) whose address names one agency, with everything the platform
/// keeps about her: a record, a duplicate candidate and an alleged perpetrator in the registry,
/// contacts, a disengagement episode and a handover in engagement, a needs profile and an offer in
/// housing, and placements in the refuge area, in an area she never lived in, and in her former area;
/// in safeguarding, records made before the move by her former area and after it by the refuge.
/// </summary>
public sealed partial class RefugeWorld : IAsyncLifetime
{
    public const string FormerArea = "E06000024";
    public const string RefugeArea = "E06000025";
    public const string NeverLived = "E06000066";
    public const string Elsewhere = "E06000023";
    public const string Named = "refuge-haven";

    public static readonly Identity FormerOutreach = Identity.SupportWorker("outreach-north", FormerArea);
    public static readonly Identity FormerHousing = Identity.HousingOfficer("housing-north", FormerArea);
    public static readonly Identity NamedWorker = Identity.SupportWorker(Named, RefugeArea);

    public TestHost Host { get; private set; } = null!;
    public string PersonId { get; private set; } = "";
    public string PerpetratorId { get; private set; } = "";
    public string CandidateId { get; private set; } = "";
    public string HandoverId { get; private set; } = "";
    public string RefugeUnitId { get; private set; } = "";
    public string NeverLivedUnitId { get; private set; } = "";

    private DateTimeOffset Now => Host.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            builder => { builder.AddRegistry(); builder.AddEngagement(); builder.AddHousing(); builder.AddSafeguarding(); },
            app => { app.MapRegistry(); app.MapEngagement(); app.MapHousing(); app.MapSafeguarding(); });
        await RegisterAsync();
        await EngageAsync();
        await HouseAsync();
        await SafeguardBeforeTheMoveAsync();
        await MoveToTheRefugeAsync();
        await SafeguardAtTheRefugeAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task RegisterAsync()
    {
        var registry = new PeopleService.PeopleServiceClient(Host.Channel(FormerOutreach));
        PersonId = await RegisterAsync(registry, "Harriet", "Ashcombe", FormerArea, Now.AddYears(-5));
        PerpetratorId = await RegisterAsync(registry, "Marcus", "Ashcombe", Elsewhere, Now.AddYears(-1));
        CandidateId = await RegisterAsync(new PeopleService.PeopleServiceClient(Host.Channel(Identity.SupportWorker("outreach-city", Elsewhere))),
            "Harriett", "Ashcomb", Elsewhere, Now.AddYears(-1));
        await new RelationshipService.RelationshipServiceClient(Host.Channel(FormerOutreach)).RecordRelationshipAsync(new RecordRelationshipRequest
        {
            FromPersonId = PerpetratorId, ToPersonId = PersonId, Type = RelationshipType.AllegedPerpetratorToward, Notes = "Controlling behaviour",
        });
        await new AccessService.AccessServiceClient(Host.Channel(FormerOutreach)).ShareRecordAsync(new ShareRecordRequest
        {
            PersonId = PersonId, Agency = Named, LawfulBasis = LawfulBasis.Safeguarding, Reason = "Refuge support",
        });
        await UntilAsync<EngagementDatabase>("SELECT COUNT(*) FROM access_shares WHERE person_id = @PersonId");
    }

    private static async Task<string> RegisterAsync(PeopleService.PeopleServiceClient registry, string given, string family, string area, DateTimeOffset since) =>
        (await registry.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family } },
                DateOfBirth = new Registry.V1.PartialDate { Year = 1985, Month = 4, Day = 2 },
            },
            Address = new RegistryAddress { Lines = { "7 Marsh Lane" }, LocalAuthority = area, From = Timestamp.FromDateTimeOffset(since) },
            ConfirmedNotDuplicate = true,
        })).Person.PersonId;

    /// <summary>Contacts before the move, three of them unanswered: she is on the outreach worklist.</summary>
    private async Task EngageAsync()
    {
        var engagement = new EngagementClient(Host.Channel(FormerOutreach));
        await engagement.RecordAsync(Contacts.Made(PersonId, Now.AddDays(-10)));
        for (var day = 3; day > 0; day--)
        {
            await engagement.RecordAsync(Contacts.Attempted(PersonId, Now.AddDays(-day)));
        }
        await UntilAsync<EngagementDatabase>("SELECT COUNT(*) FROM disengagement_episodes WHERE person_id = @PersonId AND ended_at IS NULL");
    }

    private async Task HouseAsync()
    {
        var channel = Host.Channel(FormerHousing);
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await new NeedsService.NeedsServiceClient(channel).SetNeedsProfileAsync(new SetNeedsProfileRequest
                {
                    PersonId = PersonId, Profile = new NeedsProfile { WomenOnly = true, Circumstances = new Circumstances { ActiveAlcoholUse = true } },
                });
                return true;
            }
            catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.NotFound)
            {
                return false;
            }
        });
        RefugeUnitId = (await UnitAsync(channel, RefugeArea)).UnitId;
        NeverLivedUnitId = (await UnitAsync(channel, NeverLived)).UnitId;
        var former = await UnitAsync(channel, FormerArea);
        await new OfferService.OfferServiceClient(channel).MakeOfferAsync(new MakeOfferRequest { PersonId = PersonId, VacancyId = former.VacancyId });
    }

    /// <summary>Two units alike in all but their area, each requiring a local connection, with an open vacancy.</summary>
    private static async Task<(string UnitId, string VacancyId)> UnitAsync(global::Grpc.Core.ChannelBase channel, string area)
    {
        var catalogue = new CatalogueService.CatalogueServiceClient(channel);
        var provider = await catalogue.CreateProviderAsync(new CreateProviderRequest
        {
            Name = "Shelter Trust",
            Attributes = new PlacementAttributes
            {
                WomenOnly = true, LocalConnectionRequired = true, MaxRiskLevel = Housing.V1.RiskLevel.High,
                Accepts = new Accepts { ActiveAlcoholUse = true },
            },
        });
        var scheme = await catalogue.CreateSchemeAsync(new CreateSchemeRequest
        {
            ProviderId = provider.ProviderId, Name = "Harbour View",
            Attributes = new PlacementAttributes { Location = new Location { Latitude = 51.5, Longitude = -2.6, LocalAuthority = area } },
        });
        var unit = await catalogue.CreateUnitAsync(new CreateUnitRequest { SchemeId = scheme.SchemeId, Name = "Flat 2" });
        var vacancy = await new VacancyService.VacancyServiceClient(channel).OpenVacancyAsync(new OpenVacancyRequest { UnitId = unit.UnitId });
        return (unit.UnitId, vacancy.VacancyId);
    }

    /// <summary>Her former area's outreach team records the refuge's address, naming the refuge's own agency.</summary>
    private async Task MoveToTheRefugeAsync()
    {
        var registry = new PeopleService.PeopleServiceClient(Host.Channel(FormerOutreach));
        var version = (await registry.GetPersonAsync(new GetPersonRequest { PersonId = PersonId })).Version;
        var refuge = new RegistryAddress
        {
            Lines = { "The refuge", "Somewhere safe" }, Postcode = "BS37 1AA", LocalAuthority = RefugeArea,
            From = Timestamp.FromDateTimeOffset(Now.AddMonths(-8)), Confidential = true, VisibleToAgencies = { Named },
        };
        await new AddressService.AddressServiceClient(Host.Channel(FormerOutreach)).RecordAddressAsync(
            new RecordAddressRequest { PersonId = PersonId, ExpectedVersion = version, Address = refuge });
        await UntilAsync<EngagementDatabase>("SELECT COUNT(*) FROM handovers WHERE person_id = @PersonId");
        await UntilAsync<EngagementDatabase>("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId AND kind = 'move'");
        // Housing has applied every address event it was sent: three registrations and her move.
        await UntilAsync<HousingDatabase>("SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%Address%'", atLeast: 4);
        await using var db = await Host.Service<EngagementDatabase>().OpenAsync();
        HandoverId = await db.ExecuteScalarAsync<string>("SELECT handover_id FROM handovers WHERE person_id = @PersonId", new { PersonId }) ?? "";
    }

    internal async Task UntilAsync<TDatabase>(string countSql, int atLeast = 1) where TDatabase : BuildingBlocks.Data.ServiceDatabase =>
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await Host.Service<TDatabase>().OpenAsync();
            return await db.ExecuteScalarAsync<long>(countSql, new { PersonId }) >= atLeast;
        }, TimeSpan.FromSeconds(30));
}
