using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// Open plans whose review is due: the next review date has come, or an event asked for an urgent review
/// (disengagement, a tenancy breakdown), whichever is earlier (<c>review_due_at</c>). The lead agency's
/// work, and its area's; read by <c>ix_plans_agency_review</c> / <c>ix_plans_area_review</c>.
/// </summary>
public sealed class ReviewsDueSource : IWorkSource
{
    private const string Columns =
        "person_id AS PersonId, plan_id AS RecordId, lead_agency AS Agency, area AS Area, review_due_at AS DueAt, urgent_review_reason AS UrgentReason";

    private const string After = "AND (review_due_at > @AfterDue OR (review_due_at = @AfterDue AND plan_id > @AfterId))";

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM plans
        WHERE lead_agency = @Agency AND status = 'open' AND review_due_at <= @Now {After}
        ORDER BY review_due_at, plan_id {dialect.Page("@Limit")}
        """;

    internal static string SelectByArea(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM plans
        WHERE area = @Area AND status = 'open' AND review_due_at <= @Now {After}
        ORDER BY review_due_at, plan_id {dialect.Page("@Limit")}
        """;

    public WorkKind Kind => WorkKind.ReviewDue;

    public async Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct)
    {
        var query = WorkQuery.Of(scope, now, after, limit);
        var dialect = SqlDialect.Of(db);
        var rows = await db.QueryAsync<Line>(new CommandDefinition(
            query.ByAgency ? SelectByAgency(dialect) : SelectByArea(dialect), query, tx, cancellationToken: ct));
        return rows.Select(r => new WorkItemRow(Kind, r.PersonId, r.RecordId, r.Agency, r.Area, r.DueAt,
            r.UrgentReason is null ? "Plan review due" : $"Urgent plan review: {r.UrgentReason}")).ToList();
    }

    private sealed class Line
    {
        public string PersonId { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Area { get; set; } = "";
        public DateTimeOffset DueAt { get; set; }
        public string? UrgentReason { get; set; }
    }
}
