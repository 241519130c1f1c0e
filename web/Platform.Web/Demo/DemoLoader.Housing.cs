using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Housing.V1;
using HousingArea = Platform.Housing.V1.Area;

namespace Platform.Web.Demo;

/// <summary>Housing's part: the catalogue, vacancies, needs profiles, offers and tenancies of each area.</summary>
public sealed partial class DemoLoader
{
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
}
