using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.Registry.Data;

/// <summary>
/// The records registered after a point in the register's history, so that a search made beside the
/// writer can be completed inside it with only what arrived meanwhile.
/// </summary>
/// <remarks>
/// On SQLite the point is the highest rowid of <c>persons</c> in the search's snapshot. The database's
/// one writer inserts the rows in commit order, and no record is ever deleted (nor the file vacuumed,
/// which could renumber rowids), so every record committed after the snapshot has a higher rowid. SQL
/// Server has no such order (identity values are taken before commit, not in its order): there the
/// point is unknown and the whole search runs again in the writing transaction.
/// </remarks>
public static class RegisteredSince
{
    internal const string SelectMark = "SELECT COALESCE(MAX(rowid), 0) FROM persons";

    /// <summary>SQLite's statement (a dialect's paging, so that it reads as valid T-SQL too, though SQL Server never runs it).</summary>
    internal static string SelectSince(SqlDialect dialect) =>
        $"""
        SELECT person_id, version, details_json, display_name, all_names, dob_year, dob_month, dob_day, nhs_number,
               current_area, linked_to, registered_at, registered_by_agency, updated_at
        FROM persons WHERE rowid > @Mark AND linked_to IS NULL ORDER BY rowid {dialect.Page("@Take")}
        """;

    /// <summary>The point this transaction's snapshot has reached, or null where the database cannot say.</summary>
    public static async Task<long?> MarkAsync(DbConnection db, DbTransaction tx) =>
        SqlDialect.Of(db) == SqlDialect.Sqlite ? await db.ExecuteScalarAsync<long>(SelectMark, transaction: tx) : null;

    /// <summary>Up to <paramref name="take"/> records, not linked into another, registered after <paramref name="mark"/>.</summary>
    public static async Task<IReadOnlyList<PersonRow>> RowsAsync(DbConnection db, DbTransaction tx, long mark, int take) =>
        (await db.QueryAsync<PersonRow>(SelectSince(SqlDialect.Sqlite), new { Mark = mark, Take = take }, tx)).AsList();
}
