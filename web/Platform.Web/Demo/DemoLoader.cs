using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.V1;
using Platform.Housing.V1;
using Platform.Registry.V1;
using Platform.Safeguarding.V1;
using EngagementContact = Platform.Engagement.V1.ContactDetails;
using HousingArea = Platform.Housing.V1.Area;
using RegistryAddress = Platform.Registry.V1.Address;
using SafeguardingRisk = Platform.Safeguarding.V1.RiskLevel;

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
/// </summary>
public sealed class DemoLoader(WebOptions options, AuthOptions auth, ILogger<DemoLoader> logger)
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

    private async Task<string?> FindAsync(GrpcChannel channel, DemoPerson person, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(channel);
        var found = await people.SearchPersonsAsync(new SearchPersonsRequest
        {
            Identifier = new AgencyIdentifier { Agency = DemoDataSet.IdentifierAgency, Value = person.Identifier },
        }, As(PlatformRoles.SupportWorker, person.Area.OutreachAgency, person.Area, cancellationToken));
        return found.Matches.FirstOrDefault()?.PersonId;
    }

    private async Task<(string Id, long Version)> RegisterAsync(GrpcChannel channel, DemoPerson person, CancellationToken cancellationToken)
    {
        var people = new PeopleService.PeopleServiceClient(channel);
        var options = As(PlatformRoles.SupportWorker, person.Area.OutreachAgency, person.Area, cancellationToken);
        if (await FindAsync(channel, person, cancellationToken) is { } existing)
        {
            var stored = await people.GetPersonAsync(new GetPersonRequest { PersonId = existing }, options);
            return (existing, stored.Version);
        }
        var registered = await people.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails
            {
                Names = { new PersonName { Type = NameType.Usual, GivenNames = person.GivenName, FamilyName = person.FamilyName } },
                DateOfBirth = new PartialDate { Year = person.BirthYear },
                Sex = person.Female ? Sex.Female : Sex.Male,
                Identifiers = { new AgencyIdentifier { Agency = DemoDataSet.IdentifierAgency, Value = person.Identifier } },
            },
            Address = new RegistryAddress { Lines = { person.Street }, LocalAuthority = person.Area.Code },
            ConfirmedNotDuplicate = true,
        }, options);
        return (registered.Person.PersonId, registered.Person.Version);
    }

    /// <summary>Her outreach worker leads; housing and adult social care of her area are involved on the lead's word.</summary>
    private async Task InvolveAsync(GrpcChannel channel, DemoPerson woman, string personId, CancellationToken cancellationToken)
    {
        var involvements = new InvolvementService.InvolvementServiceClient(channel);
        var lead = As(PlatformRoles.SupportWorker, woman.Area.OutreachAgency, woman.Area, cancellationToken);
        var existing = await involvements.ListInvolvementsAsync(new ListInvolvementsRequest { PersonId = personId }, lead);
        var involved = existing.Involvements.Where(i => i.Until is null && i.Role != "registering agency").Select(i => i.Agency).ToHashSet(StringComparer.Ordinal);
        if (!involved.Contains(woman.Area.OutreachAgency))
        {
            await involvements.StartInvolvementAsync(new StartInvolvementRequest
            {
                PersonId = personId, Agency = woman.Area.OutreachAgency, Worker = "Key worker (demo)", Team = "Women's outreach", Role = "key worker",
                LeadProfessional = true, LawfulBasis = LawfulBasis.Consent, Reason = "She asked for support",
            }, lead);
        }
        foreach (var (agency, team, role) in new[]
                 {
                     (woman.Area.HousingAgency, "Housing options", "housing officer"),
                     (woman.Area.AdultSocialCareAgency, "Adult social care", "social worker"),
                 })
        {
            if (!involved.Contains(agency))
            {
                await involvements.StartInvolvementAsync(new StartInvolvementRequest
                {
                    PersonId = personId, Agency = agency, Team = team, Role = role,
                    LawfulBasis = LawfulBasis.PublicTask, Reason = "Referred by her outreach worker",
                }, lead);
            }
        }
    }

    private async Task RelateAsync(GrpcChannel channel, DemoRelationship relationship, Dictionary<DemoPerson, string> ids, CancellationToken cancellationToken)
    {
        var relationships = new RelationshipService.RelationshipServiceClient(channel);
        try
        {
            await relationships.RecordRelationshipAsync(new RecordRelationshipRequest
            {
                FromPersonId = ids[relationship.From], ToPersonId = ids[relationship.To],
                Type = relationship.Kind == DemoRelationshipKind.ParentOf ? RelationshipType.ParentOf : RelationshipType.AllegedPerpetratorToward,
                Since = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-2)),
            }, As(PlatformRoles.SupportWorker, relationship.Area.OutreachAgency, relationship.Area, cancellationToken));
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    /// <summary>Her contacts through the import (keyed by source id, so a repeat is a duplicate, not a second contact).</summary>
    private async Task<int> ImportAsync(GrpcChannel channel, DemoPerson woman, string personId, List<DemoContact> contacts, CancellationToken cancellationToken)
    {
        var client = new ContactService.ContactServiceClient(channel);
        Theme[][] themes =
        [
            [Theme.Housing], [Theme.DomesticAbuse, Theme.CoerciveControl], [Theme.Alcohol, Theme.MentalHealth], [Theme.Finances, Theme.FinancialAbuse],
            [Theme.Children],
        ];
        return await UntilKnownAsync(async () =>
        {
            using var call = client.ImportContacts(As(PlatformRoles.SupportWorker, woman.Area.OutreachAgency, woman.Area, cancellationToken));
            foreach (var contact in contacts)
            {
                var details = new EngagementContact
                {
                    PersonId = personId, Worker = "Key worker (demo)", ContactAt = Timestamp.FromDateTimeOffset(contact.At),
                    Channel = contact.Outcome == DemoOutcome.Made ? Channel.OutreachVisit : Channel.Phone,
                    Outcome = contact.Outcome switch
                    {
                        DemoOutcome.Made => Outcome.Made,
                        DemoOutcome.Attempted => Outcome.Attempted,
                        _ => Outcome.Declined,
                    },
                    SeenAlone = contact.SeenAlone, PersonsWords = contact.Words, Significant = contact.Significant,
                };
                if (contact.Themes >= 0)
                {
                    details.Themes.AddRange(themes[contact.Themes]);
                }
                await call.RequestStream.WriteAsync(new ImportContactsRequest { SourceSystem = DemoDataSet.SourceSystem, SourceId = contact.SourceId, Details = details }, cancellationToken);
            }
            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            if (response.Rejected > 0)
            {
                // Engagement has not heard of her yet: the registry's event is on its way.
                throw new RpcException(new Status(StatusCode.FailedPrecondition, string.Join("; ", response.Results.SelectMany(r => r.Reasons).Distinct())));
            }
            return response.Stored;
        }, cancellationToken);
    }

    /// <summary>Per area: a provider, two schemes of eight units, vacancies, needs profiles, offers, tenancies and a breakdown.</summary>
    private async Task HousingAsync(GrpcChannel channel, DemoDataSet data, Dictionary<DemoPerson, string> ids, CancellationToken cancellationToken)
    {
        var catalogue = new CatalogueService.CatalogueServiceClient(channel);
        var vacancies = new VacancyService.VacancyServiceClient(channel);
        var needs = new NeedsService.NeedsServiceClient(channel);
        var offers = new OfferService.OfferServiceClient(channel);
        var tenancies = new TenancyService.TenancyServiceClient(channel);
        foreach (var area in DemoDataSet.Areas)
        {
            var officer = As(PlatformRoles.HousingOfficer, area.HousingAgency, area, cancellationToken);
            var women = data.NeedsProfiles.Where(w => w.Area == area && ids.ContainsKey(w)).ToList();
            if (await HasNeedsProfileAsync(needs, ids[women[0]], officer, cancellationToken))
            {
                continue; // the area's housing was loaded before: its first needs profile follows its catalogue
            }
            var provider = await catalogue.CreateProviderAsync(new CreateProviderRequest
            {
                Name = $"{area.Name} Women's Housing (demo)",
                Attributes = new PlacementAttributes { WomenOnly = true, Location = new Location { LocalAuthority = area.Code } },
            }, officer);
            var open = new List<string>();
            foreach (var (name, type, trauma, offset) in new[]
                     {
                         ("Safe House (demo)", PlacementType.Refuge, true, 0.01),
                         ("Moving On Flats (demo)", PlacementType.DispersedFlat, false, -0.02),
                     })
            {
                var scheme = await catalogue.CreateSchemeAsync(new CreateSchemeRequest
                {
                    ProviderId = provider.ProviderId, Name = name,
                    Attributes = new PlacementAttributes
                    {
                        Type = type, TraumaInformed = trauma,
                        Location = new Location { LocalAuthority = area.Code, Latitude = area.Latitude + offset, Longitude = area.Longitude + offset },
                    },
                }, officer);
                var batch = new CreateUnitsRequest { SchemeId = scheme.SchemeId };
                batch.Units.AddRange(Enumerable.Range(1, 8).Select(n => new NewUnit { Name = $"Flat {n}" }));
                var units = (await catalogue.CreateUnitsAsync(batch, officer)).Units;
                foreach (var unit in units.Take(5))
                {
                    open.Add((await vacancies.OpenVacancyAsync(new OpenVacancyRequest { UnitId = unit.UnitId }, officer)).VacancyId);
                }
            }
            for (var i = 0; i < women.Count; i++)
            {
                var personId = ids[women[i]];
                var profile = new NeedsProfile
                {
                    SupportHoursNeeded = 4 + i % 6, WomenOnly = true, FleeingDomesticAbuse = i % 2 == 0,
                    PreferredAreas = { new HousingArea { LocalAuthority = area.Code } },
                };
                if (i % 3 == 0)
                {
                    profile.ExclusionZones.Add(new HousingArea { LocalAuthority = DemoDataSet.Areas.First(a => a != area).Code });
                }
                await UntilKnownAsync(() => SetNeedsAsync(needs, personId, profile, officer), cancellationToken);
                if (i >= open.Count || i >= 10)
                {
                    continue;
                }
                Offer offer;
                try
                {
                    offer = await offers.MakeOfferAsync(new MakeOfferRequest { PersonId = personId, VacancyId = open[i] }, officer);
                }
                catch (RpcException error) when (error.StatusCode is StatusCode.FailedPrecondition)
                {
                    continue; // the unit does not fit her: the match page shows why
                }
                if (i % 4 == 3)
                {
                    continue; // waiting for her answer
                }
                offer = await offers.AcceptOfferAsync(new AcceptOfferRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version }, officer);
                var tenancy = await tenancies.StartTenancyAsync(new StartTenancyRequest { OfferId = offer.OfferId, ExpectedVersion = offer.Version }, officer);
                if (i % 5 == 4)
                {
                    await tenancies.EndTenancyAsync(new EndTenancyRequest
                    {
                        TenancyId = tenancy.TenancyId, ExpectedVersion = tenancy.Version, EndKind = TenancyEndKind.Breakdown,
                        Reason = "She left after he found the address",
                    }, officer);
                }
            }
        }
    }

    private static async Task<bool> HasNeedsProfileAsync(NeedsService.NeedsServiceClient needs, string personId, CallOptions officer, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ProjectionWait;
        while (true)
        {
            try
            {
                await needs.GetNeedsProfileAsync(new GetNeedsProfileRequest { PersonId = personId }, officer);
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
            catch (RpcException error) when (error.StatusCode is StatusCode.PermissionDenied or StatusCode.InvalidArgument && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken); // housing has not heard of her yet
            }
        }
    }

    private static async Task<int> SetNeedsAsync(NeedsService.NeedsServiceClient needs, string personId, NeedsProfile profile, CallOptions officer)
    {
        try
        {
            await needs.SetNeedsProfileAsync(new SetNeedsProfileRequest { PersonId = personId, Profile = profile, ExpectedVersion = 0 }, officer);
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.AlreadyExists or StatusCode.Aborted)
        {
        }
        return 1;
    }

    /// <summary>A concern raised by adult social care and, for every other one, a DASH assessment at high risk.</summary>
    private async Task SafeguardingAsync(GrpcChannel channel, DemoPerson woman, string personId, CancellationToken cancellationToken)
    {
        var lead = As(PlatformRoles.SafeguardingLead, woman.Area.AdultSocialCareAgency, woman.Area, cancellationToken);
        var concerns = new ConcernService.ConcernServiceClient(channel);
        var existing = await UntilKnownAsync(() => concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = personId }, lead).ResponseAsync, cancellationToken);
        if (existing.Concerns.Count > 0)
        {
            return;
        }
        await UntilKnownAsync(() => concerns.RaiseConcernAsync(new RaiseConcernRequest
        {
            Details = new Platform.Safeguarding.V1.ConcernDetails
            {
                PersonId = personId, Source = ConcernSource.VoluntarySector, RaisedBy = "Outreach key worker (demo)",
                Categories = { AbuseCategory.Domestic, AbuseCategory.FinancialOrMaterial },
                LocationOfRisk = RiskLocation.OwnHome, Description = "She describes her partner controlling her money and phone (demo).",
            },
        }, lead).ResponseAsync, cancellationToken);
        if (int.Parse(woman.Identifier["DEMO-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0)
        {
            var domesticAbuse = new DomesticAbuseService.DomesticAbuseServiceClient(channel);
            var checklist = await domesticAbuse.GetDashChecklistAsync(new GetDashChecklistRequest(), lead);
            var assessment = new RecordDashAssessmentRequest { PersonId = personId, ProfessionalJudgement = SafeguardingRisk.Unspecified };
            assessment.Responses.AddRange(checklist.Questions.Select((q, i) => new DashResponse
            {
                QuestionId = q.QuestionId, Answer = i < 15 ? DashAnswer.Yes : DashAnswer.No,
            }));
            await domesticAbuse.RecordDashAssessmentAsync(assessment, lead);
        }
    }

    private async Task MoveAsync(GrpcChannel channel, DemoMove move, string personId, CancellationToken cancellationToken)
    {
        var options = As(PlatformRoles.SupportWorker, move.Person.Area.OutreachAgency, move.Person.Area, cancellationToken);
        var person = await new PeopleService.PeopleServiceClient(channel).GetPersonAsync(new GetPersonRequest { PersonId = personId }, options);
        if (person.Addresses.Any(a => a.LocalAuthority == move.To.Code))
        {
            return;
        }
        await new AddressService.AddressServiceClient(channel).RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = personId, ExpectedVersion = person.Version,
            Address = new RegistryAddress
            {
                Lines = { $"Flat 2, {move.To.Name} (demo)" }, LocalAuthority = move.To.Code,
                From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)),
            },
        }, options);
    }

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
