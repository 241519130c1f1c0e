using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// Follow-ups a decision of no further action or a closure that rested on her capacitous refusal set
/// (<c>CapacitousRefusalRule</c>; kept in <c>concerns.follow_up_at</c>), once their date has come and
/// for <c>Safeguarding:Concerns:FollowUpListedDays</c> after: the concern's agency's work, and its
/// area's. Read by <c>ix_concerns_agency_follow_up</c> / <c>ix_concerns_area_follow_up</c>.
/// </summary>
public sealed class FollowUpsDueSource(IOptions<ConcernWorkOptions> options) : IWorkSource
{
    private const string Columns = "person_id AS PersonId, concern_id AS RecordId, agency AS Agency, area AS Area, follow_up_at AS DueAt";

    private const string Due =
        """
        AND follow_up_at IS NOT NULL AND follow_up_at <= @Now AND follow_up_at > @ListedFrom
        AND (follow_up_at > @AfterDue OR (follow_up_at = @AfterDue AND concern_id > @AfterId))
        """;

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM concerns
        WHERE agency = @Agency {Due}
        ORDER BY follow_up_at, concern_id {dialect.Page("@Limit")}
        """;

    internal static string SelectByArea(SqlDialect dialect) =>
        $"""
        SELECT {Columns} FROM concerns
        WHERE area = @Area {Due}
        ORDER BY follow_up_at, concern_id {dialect.Page("@Limit")}
        """;

    public WorkKind Kind => WorkKind.FollowUpDue;

    public async Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct)
    {
        var query = WorkQuery.Of(scope, now, after, limit);
        var dialect = SqlDialect.Of(db);
        var parameters = new
        {
            query.Agency, query.Area, query.Now, ListedFrom = now.AddDays(-options.Value.FollowUpListedDays), query.AfterDue, query.AfterId, query.Limit,
        };
        var rows = await db.QueryAsync<Line>(new CommandDefinition(
            query.ByAgency ? SelectByAgency(dialect) : SelectByArea(dialect), parameters, tx, cancellationToken: ct));
        return rows.Select(r => new WorkItemRow(Kind, r.PersonId, r.RecordId, r.Agency, r.Area, r.DueAt,
            "Follow-up of a concern due: go back to her")).ToList();
    }

    private sealed class Line
    {
        public string PersonId { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Area { get; set; } = "";
        public DateTimeOffset DueAt { get; set; }
    }
}
