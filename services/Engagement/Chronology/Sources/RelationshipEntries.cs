using Platform.Engagement.Data;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Chronology.Sources;

/// <summary>
/// A relationship belongs in both people's chronologies, as the same sentence: "Dean Ashcombe recorded
/// as alleged perpetrator toward Harriet Ashcombe". Each person is named when the entry is read, for a
/// caller who may see them (<see cref="ChronologyText.Person"/>).
/// </summary>
public sealed class RelationshipEntries : IChronologySource<RelationshipRecorded>
{
    public IEnumerable<ChronologyEntryRow> Entries(RelationshipRecorded message)
    {
        var significant = message.Type is "alleged-perpetrator-toward" or "speaks-for";
        var summary = $"{ChronologyText.Person(message.FromPersonId)} recorded as {Phrase(message.Type)} {ChronologyText.Person(message.ToPersonId)}";
        yield return Entry(message, message.FromPersonId, summary, significant);
        yield return Entry(message, message.ToPersonId, summary, significant);
    }

    private static string Phrase(string type) => type switch
    {
        "partner" or "ex-partner" or "sibling" => $"the {type} of",
        "household-member" => "a household member with",
        "speaks-for" => "speaking for",
        _ => ChronologyText.Words(type),
    };

    private static ChronologyEntryRow Entry(RelationshipRecorded message, string personId, string summary, bool significant) => new()
    {
        PersonId = personId, OccurredAt = message.Since ?? message.OccurredAt, Kind = EntryKinds.Relationship,
        Agency = message.RecordedByAgency, Summary = summary, Significant = significant,
    };
}
