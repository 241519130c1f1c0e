using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// Appends to the service's audit_log (the table refuses updates and deletes). Written in the
/// same transaction as the access it records, so a change never lands without its audit entry.
/// </summary>
public static class AuditLog
{
    internal const string Insert =
        """
        INSERT INTO audit_log (at, actor, role, agency, action, person_id, basis, reason)
        VALUES (@At, @Actor, @Role, @Agency, @Action, @PersonId, @Basis, @Reason)
        """;

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, AuditEntry entry) =>
        db.ExecuteAsync(Insert, entry, tx);

    public static Task WriteAsync(DbConnection db, DbTransaction? tx, IEnumerable<AuditEntry> entries) =>
        db.ExecuteAsync(Insert, entries, tx);

    internal static string SelectForPerson(SqlDialect dialect) =>
        $"""
        SELECT seq, at, actor, role, agency, action, person_id, basis, reason FROM audit_log
        WHERE person_id = @PersonId AND seq < @BeforeSeq ORDER BY seq DESC {dialect.Page("@Take")}
        """;

    /// <summary>Newest first, before the given sequence number (the page token).</summary>
    public static async Task<IReadOnlyList<(long Seq, AuditEntry Entry)>> ReadAsync(
        DbConnection db, DbTransaction? tx, SqlDialect dialect, string personId, long beforeSeq, int take)
    {
        var rows = await db.QueryAsync<AuditRow>(SelectForPerson(dialect),
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
