using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.Data;

public sealed class OfferRow
{
    public string OfferId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string VacancyId { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string SchemeId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Agency { get; set; } = "";
    public string Status { get; set; } = OfferStatuses.Offered;
    public DateTimeOffset MadeAt { get; set; }
    public DateTimeOffset HoldExpiresAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DeclineReasonCode { get; set; }
    public string? DeclineNote { get; set; }
    public DateTimeOffset? ParkedUntil { get; set; }
    public string? NoLongerFitsJson { get; set; }
    public long Version { get; set; }

    /// <summary>An offer whose hold has run out is expired, whether or not the sweep has marked it yet.</summary>
    public bool IsOpenAt(DateTimeOffset now) => Status == OfferStatuses.Offered && HoldExpiresAt > now;
}

public sealed class OfferStore
{
    private const string Columns =
        """
        offer_id, person_id, vacancy_id, unit_id, scheme_id, provider_id, agency, status, made_at, hold_expires_at, decided_at,
        decline_reason_code, decline_note, parked_until, no_longer_fits_json, version
        """;

    internal const string Insert =
        """
        INSERT INTO offers (offer_id, person_id, vacancy_id, unit_id, scheme_id, provider_id, agency, status, made_at, hold_expires_at, version)
        VALUES (@OfferId, @PersonId, @VacancyId, @UnitId, @SchemeId, @ProviderId, @Agency, 'offered', @MadeAt, @HoldExpiresAt, 1)
        """;

    internal const string SelectOne = "SELECT " + Columns + " FROM offers WHERE offer_id = @OfferId";

    internal const string SelectForPerson = "SELECT " + Columns + " FROM offers WHERE person_id = @PersonId ORDER BY made_at DESC";

    internal const string SelectParked =
        "SELECT unit_id, parked_until FROM offers WHERE person_id = @PersonId AND parked_until IS NOT NULL AND parked_until > @Now";

    internal const string CountAccepted = "SELECT COUNT(*) FROM offers WHERE person_id = @PersonId AND status = 'accepted'";

    internal const string SelectOpenForPerson =
        "SELECT " + Columns + " FROM offers WHERE person_id = @PersonId AND status = 'offered' AND hold_expires_at > @Now";

    internal const string SelectOpenForVacancy =
        "SELECT " + Columns + " FROM offers WHERE vacancy_id = @VacancyId AND status = 'offered'";

    internal const string SelectLapsed =
        "SELECT " + Columns + " FROM offers WHERE status = 'offered' AND hold_expires_at <= @Now";

    internal const string Decide =
        """
        UPDATE offers SET status = @Status, decided_at = @Now, decline_reason_code = @ReasonCode, decline_note = @Note,
                          parked_until = @ParkedUntil, version = version + 1
        WHERE offer_id = @OfferId AND version = @ExpectedVersion
        """;

    /// <summary>Closes an offer the system ended (released by another acceptance, expired hold, closed vacancy).</summary>
    internal const string CloseOpen =
        "UPDATE offers SET status = @Status, decided_at = @Now, version = version + 1 WHERE offer_id = @OfferId AND status = 'offered'";

    internal const string SetNoLongerFits =
        "UPDATE offers SET no_longer_fits_json = @NoLongerFitsJson, version = version + 1 WHERE offer_id = @OfferId";

    public Task InsertAsync(DbConnection db, DbTransaction tx, OfferRow row) => db.ExecuteAsync(Insert, row, tx);

    public async Task<OfferRow> GetAsync(DbConnection db, DbTransaction? tx, string offerId) =>
        await db.QuerySingleOrDefaultAsync<OfferRow>(SelectOne, new { OfferId = offerId }, tx)
        ?? throw new NotFoundException("Offer", offerId);

    public async Task<IReadOnlyList<OfferRow>> ForPersonAsync(DbConnection db, DbTransaction? tx, string personId) =>
        (await db.QueryAsync<OfferRow>(SelectForPerson, new { PersonId = personId }, tx)).AsList();

    public async Task<IReadOnlyList<OfferRow>> OpenForPersonAsync(DbConnection db, DbTransaction? tx, string personId, DateTimeOffset now) =>
        (await db.QueryAsync<OfferRow>(SelectOpenForPerson, new { PersonId = personId, Now = now }, tx)).AsList();

    public async Task<IReadOnlyList<OfferRow>> OpenForVacancyAsync(DbConnection db, DbTransaction? tx, string vacancyId) =>
        (await db.QueryAsync<OfferRow>(SelectOpenForVacancy, new { VacancyId = vacancyId }, tx)).AsList();

    public async Task<IReadOnlyList<OfferRow>> LapsedAsync(DbConnection db, DbTransaction tx, DateTimeOffset now) =>
        (await db.QueryAsync<OfferRow>(SelectLapsed, new { Now = now }, tx)).AsList();

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ParkedUnitsAsync(DbConnection db, DbTransaction? tx, string personId, DateTimeOffset now)
    {
        var rows = await db.QueryAsync<OfferRow>(SelectParked, new { PersonId = personId, Now = now }, tx);
        return rows.GroupBy(r => r.UnitId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.ParkedUntil!.Value), StringComparer.Ordinal);
    }

    public async Task<bool> HasAcceptedAsync(DbConnection db, DbTransaction tx, string personId) =>
        await db.ExecuteScalarAsync<long>(CountAccepted, new { PersonId = personId }, tx) > 0;

    public async Task DecideAsync(DbConnection db, DbTransaction tx, OfferRow row, long expectedVersion, string status, DateTimeOffset now,
        string? reasonCode = null, string? note = null, DateTimeOffset? parkedUntil = null)
    {
        var changed = await db.ExecuteAsync(Decide, new
        {
            row.OfferId, ExpectedVersion = expectedVersion, Status = status, Now = now, ReasonCode = reasonCode, Note = note, ParkedUntil = parkedUntil,
        }, tx);
        if (changed != 1)
        {
            throw new StaleVersionException("Offer", row.OfferId, expectedVersion, row.Version);
        }
    }

    public Task CloseOpenAsync(DbConnection db, DbTransaction tx, string offerId, string status, DateTimeOffset now) =>
        db.ExecuteAsync(CloseOpen, new { OfferId = offerId, Status = status, Now = now }, tx);

    /// <summary>
    /// Withdraws an open offer without her answer and says so in the same transaction: her
    /// chronology shows every offer made to her and how it ended, not only those she answered.
    /// </summary>
    public async Task WithdrawAsync(DbConnection db, DbTransaction tx, OfferRow offer, string reason, DateTimeOffset now)
    {
        if (await db.ExecuteAsync(CloseOpen, new { offer.OfferId, Status = OfferStatuses.Withdrawn, Now = now }, tx) == 1)
        {
            var place = await PlaceNames.OfUnitAsync(db, tx, offer.UnitId);
            await Outbox.EnqueueAsync(db, tx, new OfferWithdrawn
            {
                UnitName = place.Unit, SchemeName = place.Scheme,
                OfferId = offer.OfferId, PersonId = offer.PersonId, VacancyId = offer.VacancyId, UnitId = offer.UnitId,
                Agency = offer.Agency, Reason = reason, OccurredAt = now,
            });
        }
    }

    public Task SetNoLongerFitsAsync(DbConnection db, DbTransaction tx, string offerId, string? json) =>
        db.ExecuteAsync(SetNoLongerFits, new { OfferId = offerId, NoLongerFitsJson = json }, tx);
}
