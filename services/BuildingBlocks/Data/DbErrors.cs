using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

public static class DbErrors
{
    /// <summary>True when a unique index or primary key rejected the row, in either dialect.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };

    /// <summary>A deadlock victim or a lock that could not be had in time: the same call may succeed again.</summary>
    public static bool IsTransient(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        SqlException sql => sql.Number is 1205 or 1222,
        _ => false,
    };

    /// <summary>
    /// The provider's code for what failed, for logs: the message text can quote the values a
    /// statement carried (SQL Server names the duplicate key and the truncated text).
    /// </summary>
    public static string Describe(DbException exception) => exception switch
    {
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
        SqlException sql => $"SQL Server error {sql.Number}",
        _ => $"database error {exception.ErrorCode}",
    };
}
