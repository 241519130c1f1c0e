using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.Registry.Data;

/// <summary>
/// The records changed after a point in the register's history in ways duplicate detection reads
/// (registered, details corrected, an address recorded, linked or unlinked), so that a search made
/// beside the writer can be completed inside it with only what changed meanwhile.
/// </summary>
/// <remarks>
/// On SQLite the point is the highest change number of <c>persons</c> in the search's snapshot
/// (registry migration 008, <see cref="PersonStore.NextChange"/>): the database's one writer numbers
/// every such change one more than the highest, in commit order, so every record changed after the
/// snapshot has a higher number. SQL Server numbers changes from a sequence, in the order they are made
/// rather than committed: there the point is unknown and the whole search runs again in the writing
/// transaction.
/// </remarks>
public static class ChangedSince
{
    internal const string SelectMark = "SELECT COALESCE(MAX(change_sequence), 0) FROM persons";

    /// <summary>SQLite's statement (paged by the dialect, as every statement is written for both, though SQL Server never runs it).</summary>
    internal static string SelectSince(SqlDialect dialect) =>
        $"""
        SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
               current_area, linked_to, registered_at, registered_by_agency, updated_at
        FROM persons WHERE change_sequence > @Mark ORDER BY change_sequence {dialect.Page("@Take")}
        """;

    /// <summary>The point this transaction's snapshot has reached, or null where the database cannot say.</summary>
    public static async Task<long?> MarkAsync(DbConnection db, DbTransaction tx) =>
        SqlDialect.Of(db) == SqlDialect.Sqlite ? await db.ExecuteScalarAsync<long>(SelectMark, transaction: tx) : null;

    /// <summary>Up to <paramref name="take"/> records changed after <paramref name="mark"/>, in the order they changed.</summary>
    public static async Task<IReadOnlyList<PersonRow>> RowsAsync(DbConnection db, DbTransaction tx, long mark, int take) =>
        (await db.QueryAsync<PersonRow>(SelectSince(SqlDialect.Sqlite), new { Mark = mark, Take = take }, tx)).AsList();
}
