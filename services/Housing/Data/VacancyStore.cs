using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Housing.Data;

public sealed class VacancyRow
{
    public string VacancyId { get; set; } = "";
    public string UnitId { get; set; } = "";
    public DateTimeOffset AvailableFrom { get; set; }
    public DateTimeOffset? AvailableUntil { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public string Status { get; set; } = VacancyStatuses.Open;
    public string? HeldByOfferId { get; set; }
    public DateTimeOffset? HoldExpiresAt { get; set; }
    public string? ClosedReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long Version { get; set; }

    /// <summary>A hold past its expiry counts as released, whether or not the sweep has cleared it yet.</summary>
    public bool IsHeldAt(DateTimeOffset now) => Status == VacancyStatuses.Open && HeldByOfferId is not null && HoldExpiresAt > now;
}

public sealed class VacancyStore
{
    private const string Columns =
        "vacancy_id, unit_id, available_from, available_until, opened_at, status, held_by_offer_id, hold_expires_at, closed_reason, closed_at, version";

    internal const string Insert =
        """
        INSERT INTO vacancies (vacancy_id, unit_id, available_from, available_until, opened_at, status, version)
        VALUES (@VacancyId, @UnitId, @AvailableFrom, @AvailableUntil, @OpenedAt, 'open', 1)
        """;

    internal const string SelectOne = "SELECT " + Columns + " FROM vacancies WHERE vacancy_id = @VacancyId";

    internal const string SelectLiveForUnit = "SELECT " + Columns + " FROM vacancies WHERE unit_id = @UnitId AND status IN ('open', 'promised')";

    /// <summary>The one statement that decides a race for a vacancy: only one offer can hold it at a time.</summary>
    internal const string Hold =
        """
        UPDATE vacancies SET held_by_offer_id = @OfferId, hold_expires_at = @HoldExpiresAt, version = version + 1
        WHERE vacancy_id = @VacancyId AND status = 'open' AND (held_by_offer_id IS NULL OR hold_expires_at <= @Now)
          AND (available_until IS NULL OR available_until > @Now)
        """;

    internal const string Promise =
        """
        UPDATE vacancies SET status = 'promised', hold_expires_at = NULL, version = version + 1
        WHERE vacancy_id = @VacancyId AND status = 'open' AND held_by_offer_id = @OfferId
        """;

    internal const string Release =
        """
        UPDATE vacancies SET held_by_offer_id = NULL, hold_expires_at = NULL, version = version + 1
        WHERE vacancy_id = @VacancyId AND status = 'open' AND held_by_offer_id = @OfferId
        """;

    /// <summary>She will not move in after all: the vacancy her accepted offer was promised to is open again.</summary>
    internal const string Reopen =
        """
        UPDATE vacancies SET status = 'open', held_by_offer_id = NULL, hold_expires_at = NULL, version = version + 1
        WHERE vacancy_id = @VacancyId AND status = 'promised' AND held_by_offer_id = @OfferId
        """;

    internal const string Close =
        """
        UPDATE vacancies SET status = @Status, closed_reason = @Reason, closed_at = @Now, held_by_offer_id = NULL,
                             hold_expires_at = NULL, version = version + 1
        WHERE vacancy_id = @VacancyId AND version = @ExpectedVersion
        """;

    internal const string SelectPastAvailability =
        "SELECT " + Columns + " FROM vacancies WHERE status = 'open' AND available_until IS NOT NULL AND available_until <= @Now";

    public Task InsertAsync(DbConnection db, DbTransaction tx, VacancyRow row) => db.ExecuteAsync(Insert, row, tx);

    public async Task<VacancyRow> GetAsync(DbConnection db, DbTransaction? tx, string vacancyId) =>
        await db.QuerySingleOrDefaultAsync<VacancyRow>(SelectOne, new { VacancyId = vacancyId }, tx)
        ?? throw new NotFoundException("Vacancy", vacancyId);

    public Task<VacancyRow?> LiveForUnitAsync(DbConnection db, DbTransaction? tx, string unitId) =>
        db.QuerySingleOrDefaultAsync<VacancyRow>(SelectLiveForUnit, new { UnitId = unitId }, tx);

    public async Task<bool> TryHoldAsync(DbConnection db, DbTransaction tx, string vacancyId, string offerId, DateTimeOffset until, DateTimeOffset now) =>
        await db.ExecuteAsync(Hold, new { VacancyId = vacancyId, OfferId = offerId, HoldExpiresAt = until, Now = now }, tx) == 1;

    public async Task<bool> TryPromiseAsync(DbConnection db, DbTransaction tx, string vacancyId, string offerId) =>
        await db.ExecuteAsync(Promise, new { VacancyId = vacancyId, OfferId = offerId }, tx) == 1;

    public Task ReopenAsync(DbConnection db, DbTransaction tx, string vacancyId, string offerId) =>
        db.ExecuteAsync(Reopen, new { VacancyId = vacancyId, OfferId = offerId }, tx);

    public Task ReleaseAsync(DbConnection db, DbTransaction tx, string vacancyId, string offerId) =>
        db.ExecuteAsync(Release, new { VacancyId = vacancyId, OfferId = offerId }, tx);

    public async Task CloseAsync(DbConnection db, DbTransaction tx, VacancyRow row, long expectedVersion, string status, string reason, DateTimeOffset now)
    {
        var changed = await db.ExecuteAsync(Close,
            new { row.VacancyId, ExpectedVersion = expectedVersion, Status = status, Reason = reason, Now = now }, tx);
        if (changed != 1)
        {
            throw new StaleVersionException("Vacancy", row.VacancyId, expectedVersion, row.Version);
        }
    }

    public async Task<IReadOnlyList<VacancyRow>> PastAvailabilityAsync(DbConnection db, DbTransaction tx, DateTimeOffset now) =>
        (await db.QueryAsync<VacancyRow>(SelectPastAvailability, new { Now = now }, tx)).AsList();
}
