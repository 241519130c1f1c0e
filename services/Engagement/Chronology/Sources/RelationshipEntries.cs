using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>A relationship belongs in both people's chronologies; the other person is named by id only.</summary>
public sealed class RelationshipEntries : IChronologySource<RelationshipRecorded>
{
    public IEnumerable<ChronologyEntryRow> Entries(RelationshipRecorded message)
    {
        var significant = message.Type is "alleged-perpetrator-toward" or "speaks-for";
        yield return Entry(message, message.FromPersonId, $"Recorded as {message.Type} person {message.ToPersonId}", significant);
        yield return Entry(message, message.ToPersonId, $"Person {message.FromPersonId} recorded as {message.Type} them", significant);
    }

    private static ChronologyEntryRow Entry(RelationshipRecorded message, string personId, string summary, bool significant) => new()
    {
        PersonId = personId, OccurredAt = message.Since ?? message.OccurredAt, Kind = EntryKinds.Relationship,
        Summary = summary, Significant = significant,
    };
}
