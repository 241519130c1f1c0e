using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>A move between areas; a confidential address is not named, not even by its area.</summary>
public sealed class MoveEntries : IChronologySource<PersonMoved>
{
    public IEnumerable<ChronologyEntryRow> Entries(PersonMoved message)
    {
        var crossed = message.FromLocalAuthority is not null && message.FromLocalAuthority != message.ToLocalAuthority;
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.MovedAt, Kind = EntryKinds.Move, Significant = crossed,
            Summary = message.AddressConfidential
                ? "Moved to a confidential address"
                : $"Moved from {message.FromLocalAuthority ?? "no known area"} to {message.ToLocalAuthority}",
        };
    }
}
