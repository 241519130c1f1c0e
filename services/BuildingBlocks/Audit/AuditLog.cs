using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// Appends to the service's audit_log (the table refuses updates and deletes). Written in the
/// same transaction as the access it records, so a change never lands without its audit entry.
/// Read through <see cref="ReadAsync"/> only: newest first, keyset-paged on (at, seq).
/// </summary>
public static class AuditLog
{
    internal const string Insert =
        """
        INSERT INTO audit_log (at, actor, role, agency, action, person_id, basis, reason)
        VALUES (@At, @Actor, @Role, @Agency, @Action, @PersonId, @Basis, @Reason)
        """;

    // The first filter present leads, so that its index (column, at, seq) carries the read; the
    // others narrow it. Each statement is in newest-first order strictly after the position.
    private const string Columns = "SELECT seq, at, actor, role, agency, action, person_id, basis, reason FROM audit_log";

    private const string PeriodAndPosition =
        """
        at >= @From AND at < @Until
          AND (at < @BeforeAt OR (at = @BeforeAt AND seq < @BeforeSeq))
        ORDER BY at DESC, seq DESC
        """;

    internal static string SelectByPerson(SqlDialect dialect) =>
        $"""
        {Columns}
        WHERE person_id = @PersonId
          AND (@Subject IS NULL OR actor = @Subject) AND (@Agency IS NULL OR agency = @Agency)
          AND {PeriodAndPosition} {dialect.Page("@Take")}
        """;

    internal static string SelectBySubject(SqlDialect dialect) =>
        $"""
        {Columns}
        WHERE actor = @Subject AND (@Agency IS NULL OR agency = @Agency)
          AND {PeriodAndPosition} {dialect.Page("@Take")}
        """;

    internal static string SelectByAgency(SqlDialect dialect) =>
        $"""
        {Columns}
        WHERE agency = @Agency
          AND {PeriodAndPosition} {dialect.Page("@Take")}
        """;

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, AuditEntry entry) =>
        db.ExecuteAsync(Insert, entry, tx);

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, IEnumerable<AuditEntry> entries) =>
        db.ExecuteAsync(Insert, entries, tx);

    /// <summary>Up to <paramref name="take"/> entries matching the query, newest first, after the position.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> ReadAsync(
        DbConnection db, DbTransaction? tx, SqlDialect dialect, AuditQuery query, AuditPosition? after, int take)
    {
        var sql = query.PersonId is not null ? SelectByPerson(dialect)
            : query.Subject is not null ? SelectBySubject(dialect)
            : SelectByAgency(dialect);
        var before = after ?? new AuditPosition(query.Until, long.MaxValue);
        var rows = await db.QueryAsync<AuditRow>(sql, new
        {
            query.PersonId, query.Subject, query.Agency, query.From, query.Until,
            BeforeAt = before.At, BeforeSeq = before.Sequence, Take = take,
        }, tx);
        return rows.Select(row => new AuditRecord(row.Seq, row.ToEntry())).ToList();
    }

    private sealed class AuditRow
    {
        public long Seq { get; set; }
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string Role { get; set; } = "";
        public string Agency { get; set; } = "";
        public string Action { get; set; } = "";
        public string? PersonId { get; set; }
        public string Basis { get; set; } = "";
        public string? Reason { get; set; }

        public AuditEntry ToEntry() => new(At, Actor, Role, Agency, Action, PersonId, Basis, Reason);
    }
}
