using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>
/// A move between areas. A confidential address is not named, not even by its area, and neither is
/// the area of one she left (the registry publishes neither).
/// </summary>
public sealed class MoveEntries : IChronologySource<PersonMoved>
{
    public IEnumerable<ChronologyEntryRow> Entries(PersonMoved message)
    {
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.MovedAt, Kind = EntryKinds.Move, Significant = true,
            Summary = message.AddressConfidential || message.ToLocalAuthority is null
                ? "Moved to a confidential address"
                : message.FromLocalAuthority is null ? $"Moved to {message.ToLocalAuthority}" : $"Moved from {message.FromLocalAuthority} to {message.ToLocalAuthority}",
        };
    }
}
