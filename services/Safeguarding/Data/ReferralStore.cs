using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Data;

/// <summary>Referrals between agencies and areas, and their answers.</summary>
public sealed class ReferralStore
{
    internal const string Insert =
        """
        INSERT INTO referrals (referral_id, person_id, kind, from_agency, from_area, to_agency, to_area, to_service, reason, status,
            decline_reason, sent_at, sent_by, responded_at, responded_by, answer_due_at, plan_id, version)
        VALUES (@ReferralId, @PersonId, @Kind, @FromAgency, @FromArea, @ToAgency, @ToArea, @ToService, @Reason, @Status,
            NULL, @SentAt, @SentBy, NULL, NULL, @AnswerDueAt, @PlanId, 1)
        """;

    internal const string Respond =
        """
        UPDATE referrals SET status = @Status, decline_reason = @DeclineReason, responded_at = @RespondedAt, responded_by = @RespondedBy,
            version = version + 1
        WHERE referral_id = @ReferralId AND version = @Version
        """;

    internal const string SelectById = "SELECT * FROM referrals WHERE referral_id = @ReferralId";

    internal const string SelectPerson = "SELECT person_id FROM referrals WHERE referral_id = @ReferralId";

    internal static string SelectByGroup(SqlDialect dialect) =>
        $"SELECT * FROM referrals WHERE person_id IN {dialect.InList("@Group")} ORDER BY sent_at DESC, referral_id";

    /// <summary>Awaiting the receiver's answer: sent to the agency, or to a service of the area (by <c>ix_referrals_to_*_due</c>).</summary>
    internal static string SelectAwaitingAnswer(SqlDialect dialect) =>
        $"""
        SELECT * FROM referrals
        WHERE status IN ('sent', 'acknowledged')
            AND ((to_agency <> '' AND to_agency = @Agency) OR (to_agency = '' AND to_area <> '' AND to_area = @Area))
        ORDER BY answer_due_at, referral_id {dialect.Page("@Limit")}
        """;

    public Task InsertAsync(DbConnection db, DbTransaction tx, ReferralRow row) => db.ExecuteAsync(Insert, row, tx);

    public async Task<ReferralRow> GetAsync(DbConnection db, DbTransaction tx, string referralId) =>
        await db.QuerySingleOrDefaultAsync<ReferralRow>(SelectById, new { ReferralId = referralId }, tx)
        ?? throw new NotFoundException("Referral", referralId);

    public async Task<string> PersonOfAsync(DbConnection db, DbTransaction tx, string referralId) =>
        await db.QuerySingleOrDefaultAsync<string?>(SelectPerson, new { ReferralId = referralId }, tx)
        ?? throw new NotFoundException("Referral", referralId);

    public async Task<IReadOnlyList<ReferralRow>> ListAsync(DbConnection db, DbTransaction tx, IReadOnlyList<string> group) =>
        (await db.QueryAsync<ReferralRow>(SelectByGroup(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group) }, tx)).ToList();

    public async Task<IReadOnlyList<ReferralRow>> AwaitingAnswerAsync(DbConnection db, DbTransaction tx, string agency, string area, int limit) =>
        (await db.QueryAsync<ReferralRow>(SelectAwaitingAnswer(SqlDialect.Of(db)), new { Agency = agency, Area = area, Limit = limit }, tx)).ToList();

    public async Task RespondAsync(DbConnection db, DbTransaction tx, ReferralRow row, long expectedVersion)
    {
        if (row.Version != expectedVersion || await db.ExecuteAsync(Respond, row, tx) == 0)
        {
            throw new StaleVersionException("Referral", row.ReferralId, expectedVersion, row.Version);
        }
        row.Version++;
    }
}
