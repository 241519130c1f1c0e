using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Validation;
using Platform.Engagement.Chronology;
using Platform.Engagement.Domain;
using Platform.IntegrationEvents.Engagement;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.Data;

/// <summary>
/// A move across a boundary hands the person over instead of dropping them: the handover names the
/// agencies involved at the time of the move and the risk level, and waits for the receiving area.
/// A move to a confidential address is handed over to the agencies the address names, not to an
/// area: no area of it is kept, shown or published, and the chronology does not name them.
/// </summary>
public sealed class HandoverRecorder(HandoverStore handovers, PersonContextStore context, ChronologyWriter chronology)
{
    private const string NamedAgencies = "the agencies named on her confidential address";

    /// <summary>The registry publishes only moves: to another area, or to or from a confidential address.</summary>
    public static bool CrossesBoundary(PersonMoved move) =>
        move.AddressConfidential || !string.Equals(move.FromLocalAuthority, move.ToLocalAuthority, StringComparison.Ordinal);

    public async Task OpenAsync(DbConnection db, DbTransaction tx, PersonMoved move, DateTimeOffset now)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, move.PersonId);
        var people = group.Count == 0 ? [move.PersonId] : group;
        var row = new HandoverRow
        {
            HandoverId = Guid.NewGuid().ToString(), PersonId = move.PersonId, FromLocalAuthority = move.FromLocalAuthority,
            ToLocalAuthority = move.AddressConfidential ? null : move.ToLocalAuthority, MovedAt = move.MovedAt, RequestedAt = now,
            SendingAgencies = string.Join(',', await ProjectedPeople.ActiveAgenciesAsync(db, tx, people, move.MovedAt)),
            RiskLevel = await context.RiskLevelAsync(db, tx, people), AddressConfidential = move.AddressConfidential, Version = 1,
        };
        // A move published before the registry named the agencies goes to those working with her then.
        IReadOnlyList<string> recipients = !move.AddressConfidential ? [] : move.VisibleToAgencies.Count > 0 ? move.VisibleToAgencies : row.SendingAgencyList;
        if (!await handovers.InsertAsync(db, tx, row, recipients))
        {
            return;
        }
        await Outbox.EnqueueAsync(db, tx, new CrossBoundaryHandoverRequested
        {
            HandoverId = row.HandoverId, PersonId = row.PersonId, FromLocalAuthority = row.FromLocalAuthority,
            ToLocalAuthority = row.ToLocalAuthority, SendingAgencies = row.SendingAgencyList, RiskLevel = row.RiskLevel,
            AddressConfidential = row.AddressConfidential, ReceivingAgencies = recipients, OccurredAt = now,
        });
        var from = row.FromLocalAuthority is null ? "" : $" from {LocalAuthorityNames.Of(row.FromLocalAuthority)}";
        await chronology.WriteAsync(db, tx, new ChronologyEntryRow
        {
            PersonId = row.PersonId, OccurredAt = now, Kind = EntryKinds.Handover, Significant = true,
            Agency = move.RecordedByAgency ?? EntryAgencies.Platform,
            Summary = $"Handover requested{from} to {(row.ToLocalAuthority is { } to ? LocalAuthorityNames.Of(to) : NamedAgencies)}",
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
        // Who took her on at a confidential address would point to where she is: the chronology does not say.
        await chronology.WriteAsync(db, tx, new ChronologyEntryRow
        {
            PersonId = row.PersonId, OccurredAt = now, Kind = EntryKinds.Handover, Significant = true,
            Agency = row.AddressConfidential ? EntryAgencies.Withheld : caller.Agency,
            Summary = row.AddressConfidential ? $"Handover acknowledged by one of {NamedAgencies}" : $"Handover acknowledged by {caller.Agency}",
            Detail = row.AddressConfidential ? null : note,
        });
    }
}
