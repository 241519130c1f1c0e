using System.Data.Common;
using Dapper;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// Appends to the service's audit_log (the table refuses updates and deletes). Written in the
/// same transaction as the access it records, so a change never lands without its audit entry.
/// </summary>
public static class AuditLog
{
    private const string Insert =
        """
        INSERT INTO audit_log (at, actor, role, agency, action, person_id, basis, reason)
        VALUES (@At, @Actor, @Role, @Agency, @Action, @PersonId, @Basis, @Reason)
        """;

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, AuditEntry entry) =>
        db.ExecuteAsync(Insert, entry, tx);

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, IEnumerable<AuditEntry> entries) =>
        db.ExecuteAsync(Insert, entries, tx);

    /// <summary>Newest first, before the given sequence number (the page token).</summary>
    public static async Task<IReadOnlyList<(long Seq, AuditEntry Entry)>> ReadAsync(
        DbConnection db, DbTransaction? tx, string personId, long beforeSeq, int take, string pageClause)
    {
        var rows = await db.QueryAsync<AuditRow>(
            $"""
            SELECT seq, at, actor, role, agency, action, person_id, basis, reason FROM audit_log
            WHERE person_id = @PersonId AND seq < @BeforeSeq ORDER BY seq DESC {pageClause}
            """,
            new { PersonId = personId, BeforeSeq = beforeSeq, Take = take }, tx);
        return rows.Select(row => (row.Seq, row.ToEntry())).ToList();
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
