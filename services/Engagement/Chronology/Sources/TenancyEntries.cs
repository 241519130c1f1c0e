using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Housing;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>Tenancies and how they ended: a breakdown is a significant event in a person's story.</summary>
public sealed class TenancyEntries : IChronologySource<TenancyStarted>, IChronologySource<TenancyEnded>
{
    public IEnumerable<ChronologyEntryRow> Entries(TenancyStarted message)
    {
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.StartedAt, Kind = EntryKinds.Tenancy, Agency = message.Agency,
            Summary = $"Moved in: tenancy of {ChronologyText.Place(message.UnitId, message.UnitName, message.SchemeName)}",
            Significant = true, Themes = "housing",
        };
    }

    public IEnumerable<ChronologyEntryRow> Entries(TenancyEnded message)
    {
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.EndedAt, Kind = EntryKinds.Tenancy, Agency = message.Agency,
            Summary = $"Tenancy of {ChronologyText.Place(message.UnitId, message.UnitName, message.SchemeName)} ended: {ChronologyText.Words(message.EndKind)}",
            Detail = message.Reason, Significant = message.EndKind != "planned-move-on", Themes = "housing",
        };
    }
}
