using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Engagement.Data;

/// <summary>Handovers, addressed to an area or (a move to a confidential address) to the agencies it names.</summary>
public sealed class HandoverStore
{
    internal const string Insert =
        """
        INSERT INTO handovers (handover_id, person_id, from_local_authority, to_local_authority, moved_at, requested_at,
            sending_agencies, risk_level, address_confidential, version)
        VALUES (@HandoverId, @PersonId, @FromLocalAuthority, @ToLocalAuthority, @MovedAt, @RequestedAt,
            @SendingAgencies, @RiskLevel, @AddressConfidential, 1)
        """;

    internal const string InsertRecipient = "INSERT INTO handover_recipients (handover_id, agency) VALUES (@HandoverId, @Agency)";

    internal const string SelectById = "SELECT * FROM handovers WHERE handover_id = @HandoverId";

    internal const string SelectMove =
        """
        SELECT handover_id FROM handovers
        WHERE person_id = @PersonId AND moved_at = @MovedAt
          AND (to_local_authority = @ToLocalAuthority OR (to_local_authority IS NULL AND @ToLocalAuthority IS NULL))
        """;

    /// <summary>Handovers to an area: never one of a move to a confidential address, which has none.</summary>
    internal const string SelectForArea =
        """
        SELECT * FROM handovers
        WHERE to_local_authority = @LocalAuthority AND (@IncludeAcknowledged = 1 OR acknowledged_at IS NULL)
        ORDER BY requested_at
        """;

    internal const string SelectForAgency =
        """
        SELECT h.* FROM handovers h JOIN handover_recipients r ON r.handover_id = h.handover_id
        WHERE r.agency = @Agency AND (@IncludeAcknowledged = 1 OR h.acknowledged_at IS NULL)
        ORDER BY h.requested_at
        """;

    internal const string SelectRecipients = "SELECT agency FROM handover_recipients WHERE handover_id = @HandoverId ORDER BY agency";

    internal const string Acknowledge =
        """
        UPDATE handovers SET acknowledged_at = @At, acknowledged_by_agency = @Agency, acknowledged_by = @By,
            acknowledgement_note = @Note, version = version + 1
        WHERE handover_id = @HandoverId AND version = @ExpectedVersion AND acknowledged_at IS NULL
        """;

    /// <summary>False when this move already has its handover (the registry said it twice).</summary>
    public async Task<bool> InsertAsync(DbConnection db, DbTransaction tx, HandoverRow row, IReadOnlyCollection<string> recipients)
    {
        var existing = await db.QuerySingleOrDefaultAsync<string?>(SelectMove, row, tx);
        if (existing is not null)
        {
            return false;
        }
        await db.ExecuteAsync(Insert, row, tx);
        await db.ExecuteAsync(InsertRecipient, recipients.Distinct(StringComparer.Ordinal).Select(agency => new { row.HandoverId, Agency = agency }), tx);
        return true;
    }

    public async Task<HandoverRow> GetAsync(DbConnection db, DbTransaction tx, string handoverId) =>
        await db.QuerySingleOrDefaultAsync<HandoverRow>(SelectById, new { HandoverId = handoverId }, tx)
        ?? throw new NotFoundException("Handover", handoverId);

    public async Task<IReadOnlyList<HandoverRow>> ForAreaAsync(DbConnection db, DbTransaction tx, string localAuthority, bool includeAcknowledged) =>
        (await db.QueryAsync<HandoverRow>(SelectForArea, new { LocalAuthority = localAuthority, IncludeAcknowledged = includeAcknowledged }, tx)).ToList();

    /// <summary>Handovers of moves to a confidential address that name this agency.</summary>
    public async Task<IReadOnlyList<HandoverRow>> ForAgencyAsync(DbConnection db, DbTransaction tx, string agency, bool includeAcknowledged) =>
        (await db.QueryAsync<HandoverRow>(SelectForAgency, new { Agency = agency, IncludeAcknowledged = includeAcknowledged }, tx)).ToList();

    public async Task<IReadOnlyList<string>> RecipientsAsync(DbConnection db, DbTransaction tx, string handoverId) =>
        (await db.QueryAsync<string>(SelectRecipients, new { HandoverId = handoverId }, tx)).ToList();

    public async Task AcknowledgeAsync(
        DbConnection db, DbTransaction tx, HandoverRow row, long expectedVersion, DateTimeOffset at, string agency, string by, string? note)
    {
        if (row.AcknowledgedAt is not null)
        {
            throw new PreconditionFailedException($"Handover '{row.HandoverId}' was already acknowledged by {row.AcknowledgedByAgency}.");
        }
        var changed = await db.ExecuteAsync(Acknowledge, new
        {
            row.HandoverId, ExpectedVersion = expectedVersion, At = at, Agency = agency, By = by, Note = note,
        }, tx);
        if (changed == 0)
        {
            throw new StaleVersionException("Handover", row.HandoverId, expectedVersion, row.Version);
        }
    }
}
