using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// Open actions of plans past their due date: the owning agency's work, and its area's. (A closed plan's
/// open actions are cancelled with it, so an open action belongs to an open plan.) Read by
/// <c>ix_plan_actions_agency_due</c> / <c>ix_plan_actions_area_due</c> in due order, a page at a time.
/// </summary>
public sealed class OverdueActionsSource : IWorkSource
{
    private const string Columns =
        "person_id AS PersonId, action_id AS RecordId, owner_agency AS Agency, area AS Area, due_at AS DueAt, owner_role AS Role";

    private const string After = "AND (due_at > @AfterDue OR (due_at = @AfterDue AND action_id > @AfterId))";

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM plan_actions
        WHERE owner_agency = @Agency AND status = 'open' AND due_at < @Now {After}
        ORDER BY due_at, action_id {dialect.Page("@Limit")}
        """;

    internal static string SelectByArea(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM plan_actions
        WHERE area = @Area AND status = 'open' AND due_at < @Now {After}
        ORDER BY due_at, action_id {dialect.Page("@Limit")}
        """;

    public WorkKind Kind => WorkKind.OverdueAction;

    public async Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct)
    {
        var query = WorkQuery.Of(scope, now, after, limit);
        var dialect = SqlDialect.Of(db);
        var rows = await db.QueryAsync<Line>(new CommandDefinition(
            query.ByAgency ? SelectByAgency(dialect) : SelectByArea(dialect), query, tx, cancellationToken: ct));
        return rows.Select(r => new WorkItemRow(Kind, r.PersonId, r.RecordId, r.Agency, r.Area, r.DueAt, $"Action overdue: {r.Role}, {r.Agency}"))
            .ToList();
    }

    private sealed class Line
    {
        public string PersonId { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Area { get; set; } = "";
        public DateTimeOffset DueAt { get; set; }
        public string Role { get; set; } = "";
    }
}
