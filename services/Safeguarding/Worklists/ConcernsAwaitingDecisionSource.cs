using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// Concerns with no section 42 decision yet. A decision is owed from the moment a concern is raised,
/// so each is listed at once, due <c>Safeguarding:Concerns:DecisionDays</c> after it was raised: the
/// raising agency's work, and its area's. (A closed concern always has a decision, so none is closed.)
/// Read by <c>ix_concerns_agency_awaiting</c> / <c>ix_concerns_area_awaiting</c>: the due date is the
/// raised date moved by a constant, so ordering by one orders by the other.
/// </summary>
public sealed class ConcernsAwaitingDecisionSource(IOptions<ConcernWorkOptions> options) : IWorkSource
{
    private const string Columns = "person_id AS PersonId, concern_id AS RecordId, agency AS Agency, area AS Area, raised_at AS RaisedAt";

    private const string After = "AND (raised_at > @AfterRaised OR (raised_at = @AfterRaised AND concern_id > @AfterId))";

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM concerns
        WHERE agency = @Agency AND decision IS NULL {After}
        ORDER BY raised_at, concern_id {dialect.Page("@Limit")}
        """;

    internal static string SelectByArea(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM concerns
        WHERE area = @Area AND decision IS NULL {After}
        ORDER BY raised_at, concern_id {dialect.Page("@Limit")}
        """;

    public WorkKind Kind => WorkKind.ConcernAwaitingDecision;

    public async Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct)
    {
        var window = TimeSpan.FromDays(options.Value.DecisionDays);
        var query = WorkQuery.Of(scope, now, after, limit);
        var dialect = SqlDialect.Of(db);
        var parameters = new { query.Agency, query.Area, AfterRaised = query.AfterDue - window, query.AfterId, query.Limit };
        var rows = await db.QueryAsync<Line>(new CommandDefinition(
            query.ByAgency ? SelectByAgency(dialect) : SelectByArea(dialect), parameters, tx, cancellationToken: ct));
        return rows.Select(r => new WorkItemRow(Kind, r.PersonId, r.RecordId, r.Agency, r.Area, r.RaisedAt + window,
            $"Concern raised by {r.Agency} awaiting the section 42 decision")).ToList();
    }

    private sealed class Line
    {
        public string PersonId { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Area { get; set; } = "";
        public DateTimeOffset RaisedAt { get; set; }
    }
}
