using Grpc.Net.Client;
using Platform.Housing.V1;

namespace Platform.Housing.Tests.Grpc;

/// <summary>Every housing client over one channel, calling as one identity.</summary>
public sealed class HousingClient(GrpcChannel channel)
{
    public CatalogueService.CatalogueServiceClient Catalogue { get; } = new(channel);
    public VacancyService.VacancyServiceClient Vacancies { get; } = new(channel);
    public NeedsService.NeedsServiceClient Needs { get; } = new(channel);
    public MatchingService.MatchingServiceClient Matching { get; } = new(channel);
    public OfferService.OfferServiceClient Offers { get; } = new(channel);
    public TenancyService.TenancyServiceClient Tenancies { get; } = new(channel);
}
