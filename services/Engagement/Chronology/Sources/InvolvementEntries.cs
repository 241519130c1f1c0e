using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

public sealed class InvolvementEntries : IChronologySource<InvolvementStarted>, IChronologySource<InvolvementEnded>
{
    public IEnumerable<ChronologyEntryRow> Entries(InvolvementStarted message)
    {
        var role = message.Role is null ? "" : $" ({message.Role})";
        var lead = message.LeadProfessional ? ", lead professional" : "";
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.Since, Kind = EntryKinds.InvolvementStarted,
            Agency = message.Agency, Summary = $"{message.Agency} became involved{role}{lead}",
        };
    }

    public IEnumerable<ChronologyEntryRow> Entries(InvolvementEnded message)
    {
        yield return new ChronologyEntryRow
        {
            PersonId = message.PersonId, OccurredAt = message.Until, Kind = EntryKinds.InvolvementEnded,
            Agency = message.Agency, Summary = $"{message.Agency} ended its involvement", Detail = message.Reason,
        };
    }
}
