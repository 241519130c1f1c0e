using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Housing.Data;

public sealed class TenancyRow
{
    public string TenancyId { get; set; } = "";
    public string OfferId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string SchemeId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Agency { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndKind { get; set; }
    public string? EndReason { get; set; }
    public long Version { get; set; }
}

public sealed class SustainmentRow
{
    public string ProviderId { get; set; } = "";
    public string? SchemeId { get; set; }
    public long Started { get; set; }
    public long Ended { get; set; }
    public long PlannedMoveOn { get; set; }
    public long Breakdowns { get; set; }
}

public sealed class DeclineCountRow
{
    public string ProviderId { get; set; } = "";
    public string SchemeId { get; set; } = "";
    public long Declines { get; set; }
}

public sealed class TenancyStore
{
    private const string Columns =
        "tenancy_id, offer_id, person_id, unit_id, scheme_id, provider_id, agency, started_at, ended_at, end_kind, end_reason, version";

    internal const string Insert =
        """
        INSERT INTO tenancies (tenancy_id, offer_id, person_id, unit_id, scheme_id, provider_id, agency, started_at, version)
        VALUES (@TenancyId, @OfferId, @PersonId, @UnitId, @SchemeId, @ProviderId, @Agency, @StartedAt, 1)
        """;

    internal const string SelectOne = "SELECT " + Columns + " FROM tenancies WHERE tenancy_id = @TenancyId";

    internal const string SelectForPerson = "SELECT " + Columns + " FROM tenancies WHERE person_id = @PersonId ORDER BY started_at DESC";

    internal const string End =
        """
        UPDATE tenancies SET ended_at = @EndedAt, end_kind = @EndKind, end_reason = @EndReason, version = version + 1
        WHERE tenancy_id = @TenancyId AND version = @ExpectedVersion AND ended_at IS NULL
        """;

    /// <summary>A breakdown is any end other than a planned move-on.</summary>
    internal const string SustainmentByScheme =
        """
        SELECT provider_id, scheme_id, COUNT(*) AS started,
               SUM(CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END) AS ended,
               SUM(CASE WHEN end_kind = 'planned-move-on' THEN 1 ELSE 0 END) AS planned_move_on,
               SUM(CASE WHEN end_kind IN ('eviction', 'abandonment', 'breakdown') THEN 1 ELSE 0 END) AS breakdowns
        FROM tenancies WHERE (@ProviderId IS NULL OR provider_id = @ProviderId)
        GROUP BY provider_id, scheme_id ORDER BY provider_id, scheme_id
        """;

    internal static string ProviderDeclines(SqlDialect dialect) =>
        $"""
        SELECT provider_id, scheme_id, COUNT(*) AS declines FROM offers
        WHERE status = 'declined' AND decline_reason_code IN {dialect.InList("@Codes")} AND (@ProviderId IS NULL OR provider_id = @ProviderId)
        GROUP BY provider_id, scheme_id
        """;

    public Task InsertAsync(DbConnection db, DbTransaction tx, TenancyRow row) => db.ExecuteAsync(Insert, row, tx);

    public async Task<TenancyRow> GetAsync(DbConnection db, DbTransaction? tx, string tenancyId) =>
        await db.QuerySingleOrDefaultAsync<TenancyRow>(SelectOne, new { TenancyId = tenancyId }, tx)
        ?? throw new NotFoundException("Tenancy", tenancyId);

    public async Task<IReadOnlyList<TenancyRow>> ForPersonAsync(DbConnection db, DbTransaction? tx, string personId) =>
        (await db.QueryAsync<TenancyRow>(SelectForPerson, new { PersonId = personId }, tx)).AsList();

    public async Task EndAsync(DbConnection db, DbTransaction tx, TenancyRow row, long expectedVersion)
    {
        var changed = await db.ExecuteAsync(End, new { row.TenancyId, row.EndedAt, row.EndKind, row.EndReason, ExpectedVersion = expectedVersion }, tx);
        if (changed != 1)
        {
            throw new StaleVersionException("Tenancy", row.TenancyId, expectedVersion, row.Version);
        }
    }

    public async Task<IReadOnlyList<SustainmentRow>> SustainmentAsync(DbConnection db, string? providerId) =>
        (await db.QueryAsync<SustainmentRow>(SustainmentByScheme, new { ProviderId = providerId })).AsList();

    public async Task<IReadOnlyList<DeclineCountRow>> ProviderDeclinesAsync(DbConnection db, string? providerId, IReadOnlyCollection<string> codes) =>
        codes.Count == 0 ? [] : (await db.QueryAsync<DeclineCountRow>(ProviderDeclines(SqlDialect.Of(db)), new { ProviderId = providerId, Codes = SqlDialect.ListParameter(codes) })).AsList();
}
