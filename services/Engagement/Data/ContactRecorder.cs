using System.Data.Common;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Disengagement;
using Platform.IntegrationEvents.Engagement;

namespace Platform.Engagement.Data;

/// <summary>
/// The one way a contact is stored, for a single contact, an amendment and a bulk import alike: the
/// contact (an amendment also marks the contact it supersedes), its chronology entry and its
/// ContactRecorded event in one transaction, then the disengagement rule for each person it concerns.
/// </summary>
public sealed class ContactRecorder(
    ContactStore contacts, ChronologyWriter chronology, ChronologyStore chronologyStore, EngagementStateStore states,
    DisengagementMonitor monitor)
{
    /// <summary>
    /// Everything stored for the contacts that can be built before the transaction: their chronology
    /// entries and their ContactRecorded events, serialised. A single contact is prepared before the
    /// database's one writer runs it, so none of this is paid for while every other write waits.
    /// </summary>
    public static PreparedContacts Prepare(IReadOnlyCollection<ContactRow> rows, DateTimeOffset now) => new(
        rows,
        [.. rows.Select(ContactEntries.For)],
        [.. rows.Select(row => Outbox.Prepare(new ContactRecorded
        {
            ContactId = row.ContactId, PersonId = row.PersonId, Agency = row.Agency, ContactAt = row.ContactAt,
            Channel = row.Channel, Outcome = row.Outcome, SeenAlone = row.SeenAlone, Significant = row.Significant,
            SupersedesContactId = row.SupersedesContactId, OccurredAt = now,
        }))],
        now);

    /// <summary>
    /// Stores the contacts. With <paramref name="checkNow"/> false (a bulk import), the people are only
    /// noted as pending: checking them once when the import ends, rather than after every batch,
    /// saves re-reading each history once per batch and raising alerts the rest of the history would end.
    /// </summary>
    public async Task RecordAsync(DbConnection db, DbTransaction tx, PreparedContacts prepared, bool checkNow = true)
    {
        var rows = prepared.Rows;
        await contacts.InsertAsync(db, tx, rows);
        foreach (var amendment in rows.Where(r => r.SupersedesContactId is not null))
        {
            await contacts.SupersedeAsync(db, tx, amendment.SupersedesContactId!, amendment.ContactId);
            await chronologyStore.MarkSupersededAsync(db, tx, amendment.SupersedesContactId!);
        }
        await chronology.WriteAsync(db, tx, prepared.Entries);
        await Outbox.EnqueueAsync(db, tx, prepared.Events);
        if (!checkNow)
        {
            await states.MarkPendingAsync(db, tx, rows.Select(r => r.PersonId).Distinct(StringComparer.Ordinal));
            return;
        }
        var prompted = rows.GroupBy(r => r.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string?)g.MaxBy(r => r.ContactAt)!.ContactId, StringComparer.Ordinal);
        await monitor.EvaluateAsync(db, tx, prompted, prepared.Now);
    }

    /// <summary>The same for contacts built inside the transaction (an amendment, an import's batch).</summary>
    public Task RecordAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<ContactRow> rows, DateTimeOffset now, bool checkNow = true) =>
        RecordAsync(db, tx, Prepare(rows, now), checkNow);

    public Task RecordAsync(DbConnection db, DbTransaction tx, ContactRow row, DateTimeOffset now) => RecordAsync(db, tx, [row], now);

    /// <summary>Others present must be people the registry knows (ids only: no names cross services).</summary>
    public static async Task CheckOthersPresentAsync(DbConnection db, DbTransaction tx, ContactRow row, string prefix = "details")
    {
        var others = row.OthersPresentList;
        var known = await ProjectedPeople.KnownAsync(db, tx, others.ToList());
        var unknown = others.Select((id, i) => (id, i)).Where(o => !known.Contains(o.id))
            .Select(o => new FieldViolation($"{prefix}.others_present[{o.i}]", "is not a person in the registry")).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidArgumentException(unknown);
        }
    }
}
