using Platform.BuildingBlocks.Messaging;

namespace Platform.Engagement.Data;

/// <summary>Contacts with what is stored beside them, built before the transaction (<see cref="ContactRecorder.Prepare"/>).</summary>
public sealed record PreparedContacts(
    IReadOnlyCollection<ContactRow> Rows,
    IReadOnlyCollection<ChronologyEntryRow> Entries,
    IReadOnlyCollection<OutboxMessage> Events,
    DateTimeOffset Now);
