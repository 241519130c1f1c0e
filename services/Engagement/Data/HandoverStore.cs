using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Engagement.Data;

public sealed class HandoverStore
{
    internal const string Insert =
        """
        INSERT INTO handovers (handover_id, person_id, from_local_authority, to_local_authority, moved_at, requested_at,
            sending_agencies, risk_level, address_confidential, version)
        VALUES (@HandoverId, @PersonId, @FromLocalAuthority, @ToLocalAuthority, @MovedAt, @RequestedAt,
            @SendingAgencies, @RiskLevel, @AddressConfidential, 1)
        """;

    internal const string SelectById = "SELECT * FROM handovers WHERE handover_id = @HandoverId";

    internal const string SelectMove =
        "SELECT handover_id FROM handovers WHERE person_id = @PersonId AND to_local_authority = @ToLocalAuthority AND moved_at = @MovedAt";

    internal const string SelectForArea =
        """
        SELECT * FROM handovers
        WHERE to_local_authority = @LocalAuthority AND (@IncludeAcknowledged = 1 OR acknowledged_at IS NULL)
        ORDER BY requested_at
        """;

    internal const string Acknowledge =
        """
        UPDATE handovers SET acknowledged_at = @At, acknowledged_by_agency = @Agency, acknowledged_by = @By,
            acknowledgement_note = @Note, version = version + 1
        WHERE handover_id = @HandoverId AND version = @ExpectedVersion AND acknowledged_at IS NULL
        """;

    /// <summary>False when this move already has its handover (the registry said it twice).</summary>
    public async Task<bool> InsertAsync(DbConnection db, DbTransaction tx, HandoverRow row)
    {
        var existing = await db.QuerySingleOrDefaultAsync<string?>(SelectMove, row, tx);
        if (existing is not null)
        {
            return false;
        }
        await db.ExecuteAsync(Insert, row, tx);
        return true;
    }

    public async Task<HandoverRow> GetAsync(DbConnection db, DbTransaction tx, string handoverId) =>
        await db.QuerySingleOrDefaultAsync<HandoverRow>(SelectById, new { HandoverId = handoverId }, tx)
        ?? throw new NotFoundException("Handover", handoverId);

    public async Task<IReadOnlyList<HandoverRow>> ForAreaAsync(DbConnection db, DbTransaction tx, string localAuthority, bool includeAcknowledged) =>
        (await db.QueryAsync<HandoverRow>(SelectForArea, new { LocalAuthority = localAuthority, IncludeAcknowledged = includeAcknowledged }, tx)).ToList();

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
