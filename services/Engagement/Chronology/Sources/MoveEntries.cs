using Platform.BuildingBlocks.Validation;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>
/// A move between areas, named as people know them. A confidential address is not named, not even by
/// its area, and neither is the area of one she left (the registry publishes neither).
/// </summary>
public sealed class MoveEntries : IChronologySource<PersonMoved>
{
    public IEnumerable<ChronologyEntryRow> Entries(PersonMoved message)
    {
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.MovedAt, Kind = EntryKinds.Move, Significant = true,
            Agency = message.RecordedByAgency,
            Summary = message.AddressConfidential || message.ToLocalAuthority is not { } to
                ? "Moved to a confidential address"
                : message.FromLocalAuthority is not { } from
                    ? $"Moved to {LocalAuthorityNames.Of(to)}"
                    : $"Moved from {LocalAuthorityNames.Of(from)} to {LocalAuthorityNames.Of(to)}",
        };
    }
}
