using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Housing;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>Housing offers, by unit id: where a placement is stays with the housing service.</summary>
public sealed class OfferEntries :
    IChronologySource<OfferMade>, IChronologySource<OfferAccepted>, IChronologySource<OfferDeclined>, IChronologySource<OfferWithdrawn>
{
    public IEnumerable<ChronologyEntryRow> Entries(OfferMade message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency, $"Offered housing unit {message.UnitId}", false);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferAccepted message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency, $"Accepted housing offer {message.OfferId}", true);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferDeclined message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            $"Housing offer {message.OfferId} declined ({message.ReasonCode})", false);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferWithdrawn message)
    {
        var why = message.Reason switch
        {
            "another-offer-accepted" => "she accepted another offer",
            "vacancy-withdrawn" => "the vacancy was withdrawn",
            "vacancy-expired" => "the vacancy's availability ended",
            var other => other,
        };
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency, $"Housing offer {message.OfferId} withdrawn: {why}", false);
    }

    private static ChronologyEntryRow Entry(string personId, DateTimeOffset at, string agency, string summary, bool significant) => new()
    {
        PersonId = personId, OccurredAt = at, Kind = EntryKinds.Offer, Agency = agency, Summary = summary,
        Significant = significant, Themes = "housing",
    };
}
