using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Web.Security;

namespace Platform.Web.PlatformApi;

/// <summary>
/// The platform's public gRPC clients, generated from protos/ as partners generate theirs, each call
/// carrying the signed-in person's token. The web app holds no data: every page reads through these.
/// </summary>
public static class PlatformClients
{
    public static IServiceCollection AddPlatformClients(this IServiceCollection services, WebOptions options)
    {
        Add<Registry.V1.PeopleService.PeopleServiceClient>(services, options);
        Add<Registry.V1.InvolvementService.InvolvementServiceClient>(services, options);
        Add<Registry.V1.RelationshipService.RelationshipServiceClient>(services, options);
        Add<Registry.V1.AddressService.AddressServiceClient>(services, options);
        Add<Engagement.V1.ChronologyService.ChronologyServiceClient>(services, options);
        Add<Engagement.V1.ContactService.ContactServiceClient>(services, options);
        Add<Engagement.V1.OutreachService.OutreachServiceClient>(services, options);
        Add<Housing.V1.CatalogueService.CatalogueServiceClient>(services, options);
        Add<Housing.V1.NeedsService.NeedsServiceClient>(services, options);
        Add<Housing.V1.MatchingService.MatchingServiceClient>(services, options);
        Add<Housing.V1.OfferService.OfferServiceClient>(services, options);
        Add<Housing.V1.TenancyService.TenancyServiceClient>(services, options);
        Add<Safeguarding.V1.CapacityService.CapacityServiceClient>(services, options);
        Add<Safeguarding.V1.ConcernService.ConcernServiceClient>(services, options);
        Add<Safeguarding.V1.DomesticAbuseService.DomesticAbuseServiceClient>(services, options);
        Add<Safeguarding.V1.PlanService.PlanServiceClient>(services, options);
        Add<Safeguarding.V1.ReferralService.ReferralServiceClient>(services, options);
        Add<Safeguarding.V1.WorklistService.WorklistServiceClient>(services, options);
        Add<Audit.V1.AuditService.AuditServiceClient>(services, options);
        return services;
    }

    private static void Add<TClient>(IServiceCollection services, WebOptions options)
        where TClient : ClientBase
    {
        services.AddGrpcClient<TClient>(client => client.Address = options.PlatformAddress)
            .ConfigureChannel(channel =>
            {
                // Inside the platform's network (or this very process) the API may be plain HTTP/2.
                channel.UnsafeUseInsecureChannelCallCredentials = options.PlatformAddress.Scheme == Uri.UriSchemeHttp;
                channel.MaxReceiveMessageSize = 16 * 1024 * 1024;
            })
            .AddCallCredentials(async (_, metadata, provider) =>
            {
                var context = provider.GetRequiredService<IHttpContextAccessor>().HttpContext;
                if (context is not null && await WebAuthentication.AccessTokenAsync(context) is { Length: > 0 } token)
                {
                    metadata.Add("Authorization", $"Bearer {token}");
                }
            });
    }

    /// <summary>Headers for a call that opens one person's record by break-glass, with the reason given.</summary>
    public static Metadata? BreakGlass(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : new Metadata { { BuildingBlocks.Security.BreakGlass.Header, reason.Trim() } };

    /// <summary>The deadline every page's calls share: a page never waits for ever.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(20);
}
