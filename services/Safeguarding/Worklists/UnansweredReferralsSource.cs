using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// Referrals still only sent (neither acknowledged, accepted nor declined) once their answer is due
/// (<c>Safeguarding:Referrals:AnswerWithinDays</c> after sending): the receiving side's work, the agency
/// it was sent to or the area whose service it was sent to. Read by <c>ix_referrals_to_agency_due</c> /
/// <c>ix_referrals_to_area_due</c>.
/// </summary>
public sealed class UnansweredReferralsSource : IWorkSource
{
    private const string Columns =
        """
        person_id AS PersonId, referral_id AS RecordId, to_agency AS ToAgency, to_service AS ToService, to_area AS Area,
        answer_due_at AS DueAt, kind AS Kind, from_agency AS FromAgency
        """;

    private const string After = "AND (answer_due_at > @AfterDue OR (answer_due_at = @AfterDue AND referral_id > @AfterId))";

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM referrals
        WHERE to_agency = @Agency AND status = 'sent' AND answer_due_at <= @Now {After}
        ORDER BY answer_due_at, referral_id {dialect.Page("@Limit")}
        """;

    internal static string SelectByArea(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM referrals
        WHERE to_area = @Area AND status = 'sent' AND answer_due_at <= @Now {After}
        ORDER BY answer_due_at, referral_id {dialect.Page("@Limit")}
        """;

    public WorkKind Kind => WorkKind.ReferralUnanswered;

    public async Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct)
    {
        var query = WorkQuery.Of(scope, now, after, limit);
        var dialect = SqlDialect.Of(db);
        var rows = await db.QueryAsync<Line>(new CommandDefinition(
            query.ByAgency ? SelectByAgency(dialect) : SelectByArea(dialect), query, tx, cancellationToken: ct));
        return rows.Select(r => new WorkItemRow(Kind, r.PersonId, r.RecordId, r.ToAgency.Length > 0 ? r.ToAgency : r.ToService, r.Area, r.DueAt,
            $"Referral ({r.Kind}) from {r.FromAgency} unanswered")).ToList();
    }

    private sealed class Line
    {
        public string PersonId { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string ToAgency { get; set; } = "";
        public string ToService { get; set; } = "";
        public string Area { get; set; } = "";
        public DateTimeOffset DueAt { get; set; }
        public string Kind { get; set; } = "";
        public string FromAgency { get; set; } = "";
    }
}
