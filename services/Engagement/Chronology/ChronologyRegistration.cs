using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Chronology.Sources;
using Platform.IntegrationEvents.Housing;
using Platform.IntegrationEvents.Registry;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Chronology;

public static class ChronologyRegistration
{
    /// <summary>Every event that has a place in a person's chronology, each with its own queue.</summary>
    public static IServiceCollection AddChronologySources(this IServiceCollection services)
    {
        services.AddSingleton<ChronologyWriter>();
        services.AddChronologySource<PersonMoved, MoveEntries>("chronology-person-moved");
        services.AddChronologySource<InvolvementStarted, InvolvementEntries>("chronology-involvement-started");
        services.AddChronologySource<InvolvementEnded, InvolvementEntries>("chronology-involvement-ended");
        services.AddChronologySource<RelationshipRecorded, RelationshipEntries>("chronology-relationship-recorded");
        services.AddChronologySource<RiskLevelChanged, RiskEntries>("chronology-risk-level-changed");
        services.AddChronologySource<OfferMade, OfferEntries>("chronology-offer-made");
        services.AddChronologySource<OfferAccepted, OfferEntries>("chronology-offer-accepted");
        services.AddChronologySource<OfferDeclined, OfferEntries>("chronology-offer-declined");
        services.AddChronologySource<OfferWithdrawn, OfferEntries>("chronology-offer-withdrawn");
        services.AddChronologySource<TenancyStarted, TenancyEntries>("chronology-tenancy-started");
        services.AddChronologySource<TenancyEnded, TenancyEntries>("chronology-tenancy-ended");
        services.AddChronologySource<ConcernRaised, SafeguardingEntries>("chronology-concern-raised");
        services.AddChronologySource<EnquiryStarted, SafeguardingEntries>("chronology-enquiry-started");
        services.AddChronologySource<MaracReferralRecommended, SafeguardingEntries>("chronology-marac-referral-recommended");
        services.AddChronologySource<PlanAgreed, SafeguardingEntries>("chronology-plan-agreed");
        services.AddChronologySource<PlanReviewed, SafeguardingEntries>("chronology-plan-reviewed");
        services.AddChronologySource<PlanClosed, SafeguardingEntries>("chronology-plan-closed");
        return services;
    }

    private static void AddChronologySource<TEvent, TSource>(this IServiceCollection services, string endpoint)
        where TEvent : class
        where TSource : class, IChronologySource<TEvent>
    {
        services.AddSingleton<TSource>();
        services.AddConsumer<ChronologyConsumer<TEvent, TSource>>(EngagementExtensions.ServiceName, endpoint);
    }
}
