using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Housing;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>Housing offers, by the unit's and scheme's names; where a placement is stays with the housing service.</summary>
public sealed class OfferEntries :
    IChronologySource<OfferMade>, IChronologySource<OfferAccepted>, IChronologySource<OfferDeclined>, IChronologySource<OfferWithdrawn>
{
    public IEnumerable<ChronologyEntryRow> Entries(OfferMade message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            $"Offered {ChronologyText.Place(message.UnitId, message.UnitName, message.SchemeName)}", false);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferAccepted message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency, $"Accepted the offer of {Place(message.OfferId, message.UnitName, message.SchemeName)}", true);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferDeclined message)
    {
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            $"The offer of {Place(message.OfferId, message.UnitName, message.SchemeName)} was declined: {ChronologyText.Words(message.ReasonCode)}", false);
    }

    public IEnumerable<ChronologyEntryRow> Entries(OfferWithdrawn message)
    {
        var why = message.Reason switch
        {
            "another-offer-accepted" => "she accepted another offer",
            "vacancy-withdrawn" => "the vacancy was withdrawn",
            "vacancy-expired" => "the vacancy's availability ended",
            var other => ChronologyText.Words(other),
        };
        yield return Entry(message.PersonId, message.OccurredAt, message.Agency,
            $"The offer of {ChronologyText.Place(message.UnitId, message.UnitName, message.SchemeName)} was withdrawn: {why}", false);
    }

    /// <summary>An answer to an offer names its unit; an older event without names, the offer.</summary>
    private static string Place(string offerId, string? unitName, string? schemeName) =>
        unitName is { Length: > 0 } ? ChronologyText.Place("", unitName, schemeName) : $"housing offer {offerId}";

    private static ChronologyEntryRow Entry(string personId, DateTimeOffset at, string agency, string summary, bool significant) => new()
    {
        PersonId = personId, OccurredAt = at, Kind = EntryKinds.Offer, Agency = agency, Summary = summary,
        Significant = significant, Themes = "housing",
    };
}
