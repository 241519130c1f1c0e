using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Chronology;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Data;

/// <summary>
/// A move across a boundary hands the person over instead of dropping them: the handover names the
/// agencies involved at the time of the move and the risk level, and waits for the receiving area.
/// </summary>
public sealed class HandoverRecorder(HandoverStore handovers, PersonContextStore context, ChronologyWriter chronology)
{
    public static bool CrossesBoundary(PersonMoved move) =>
        move.FromLocalAuthority is not null && move.FromLocalAuthority != move.ToLocalAuthority;

    public async Task OpenAsync(DbConnection db, DbTransaction tx, PersonMoved move, DateTimeOffset now)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, move.PersonId);
        var people = group.Count == 0 ? [move.PersonId] : group;
        var row = new HandoverRow
        {
            HandoverId = Guid.NewGuid().ToString(), PersonId = move.PersonId, FromLocalAuthority = move.FromLocalAuthority,
            ToLocalAuthority = move.ToLocalAuthority, MovedAt = move.MovedAt, RequestedAt = now,
            SendingAgencies = string.Join(',', await ProjectedPeople.ActiveAgenciesAsync(db, tx, people, move.MovedAt)),
            RiskLevel = await context.RiskLevelAsync(db, tx, people), AddressConfidential = move.AddressConfidential, Version = 1,
        };
        if (!await handovers.InsertAsync(db, tx, row))
        {
            return;
        }
        await Outbox.EnqueueAsync(db, tx, new CrossBoundaryHandoverRequested
        {
            HandoverId = row.HandoverId, PersonId = row.PersonId, FromLocalAuthority = row.FromLocalAuthority,
            ToLocalAuthority = row.ToLocalAuthority, SendingAgencies = row.SendingAgencyList, RiskLevel = row.RiskLevel,
            AddressConfidential = row.AddressConfidential, OccurredAt = now,
        });
        var to = row.AddressConfidential ? "the receiving area" : row.ToLocalAuthority;
        await chronology.WriteAsync(db, tx, new ChronologyEntryRow
        {
            PersonId = row.PersonId, OccurredAt = now, Kind = EntryKinds.Handover, Significant = true,
            Summary = $"Handover requested from {row.FromLocalAuthority} to {to}",
            Detail = row.SendingAgencies.Length == 0 ? null : $"Sending agencies: {row.SendingAgencies.Replace(",", ", ", StringComparison.Ordinal)}",
        });
    }

    public async Task AcknowledgeAsync(
        DbConnection db, DbTransaction tx, HandoverRow row, long expectedVersion, Caller caller, string? note, DateTimeOffset now)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await handovers.AcknowledgeAsync(db, tx, row, expectedVersion, now, caller.Agency, caller.Subject, note);
        await Outbox.EnqueueAsync(db, tx, new HandoverAcknowledged
        {
            HandoverId = row.HandoverId, PersonId = row.PersonId, Agency = caller.Agency,
            LocalAuthority = row.ToLocalAuthority, OccurredAt = now,
        });
        await chronology.WriteAsync(db, tx, new ChronologyEntryRow
        {
            PersonId = row.PersonId, OccurredAt = now, Kind = EntryKinds.Handover, Agency = caller.Agency, Significant = true,
            Summary = $"Handover acknowledged by {caller.Agency}", Detail = note,
        });
    }
}
