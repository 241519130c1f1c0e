using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Chronology.Sources;

public sealed class RiskEntries : IChronologySource<RiskLevelChanged>
{
    public IEnumerable<ChronologyEntryRow> Entries(RiskLevelChanged message)
    {
        var from = message.PreviousRiskLevel is null ? "" : $" from {message.PreviousRiskLevel}";
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.OccurredAt, Kind = EntryKinds.RiskChanged,
            Agency = message.Agency, Summary = $"Risk level changed{from} to {message.RiskLevel}", Significant = true,
        };
    }
}
