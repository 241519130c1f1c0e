using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The few places where SQLite and SQL Server differ in the statements the services write.
/// Everything else is written once, in the subset both understand.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("sqlite", "LIMIT {0} OFFSET {1}",
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('%+.3f seconds', {0} / 1000.0))");

    public static readonly SqlDialect SqlServer = new("sqlserver", "OFFSET {1} ROWS FETCH NEXT {0} ROWS ONLY",
        "SYSUTCDATETIME()",
        "DATEADD(millisecond, {0}, SYSUTCDATETIME())");

    /// <summary>
    /// The collation of every SQL Server column holding an agency name or an area code: binary, as
    /// SQLite compares text, so "Outreach-Bristol" and "outreach-bristol" are two agencies on both.
    /// </summary>
    public const string AgencyCollation = "Latin1_General_100_BIN2";

    private readonly string _pageFormat;
    private readonly string _nowPlusFormat;

    private SqlDialect(string name, string pageFormat, string now, string nowPlusFormat)
    {
        Name = name;
        _pageFormat = pageFormat;
        Now = now;
        _nowPlusFormat = nowPlusFormat;
    }

    /// <summary>
    /// The database's own clock, in UTC, as an expression comparable with stored instants. Replicas'
    /// clocks differ; the database's is one, so leases and backoff taken by one replica are read the
    /// same way by every other. (SQLite: text sorting with the stored round-trip form, to the millisecond.)
    /// </summary>
    public string Now { get; }

    /// <summary><see cref="Now"/> moved by a number of milliseconds (negative: the past) held in <paramref name="milliseconds"/>.</summary>
    public string NowPlus(string milliseconds) => string.Format(null, _nowPlusFormat, milliseconds);

    /// <summary>The dialect of an open connection, for code that is handed a connection and not its database.</summary>
    public static SqlDialect Of(DbConnection db) => db is SqliteConnection ? Sqlite : SqlServer;

    /// <summary>Folder name of this dialect's migration scripts.</summary>
    public string Name { get; }

    /// <summary>Paging clause; it must follow an ORDER BY.</summary>
    public string Page(string take, string skip = "0") => string.Format(null, _pageFormat, take, skip);

    /// <summary>
    /// The right side of <c>IN</c> for a list of any length, bound as one JSON parameter made by
    /// <see cref="ListParameter{T}"/>: <c>json_each</c> on SQLite, <c>OPENJSON</c> on SQL Server.
    /// Never Dapper's <c>IN @List</c>: it binds a parameter per item, and SQL Server refuses a
    /// statement with more than 2,100 (a test keeps it out of the code). On SQL Server the items are
    /// typed as the column they are compared with, so its index is still used (<see cref="ListItems"/>).
    /// </summary>
    public string InList(string parameter, ListItems items = ListItems.Ids) =>
        this == Sqlite
            ? $"(SELECT value FROM json_each({parameter}))"
            : items switch
            {
                ListItems.Ids => $"(SELECT value FROM OPENJSON({parameter}) WITH (value VARCHAR(100) '$'))",
                ListItems.Text => $"(SELECT value FROM OPENJSON({parameter}) WITH (value NVARCHAR(400) '$'))",
                ListItems.Agencies => $"(SELECT value COLLATE {AgencyCollation} FROM OPENJSON({parameter}) WITH (value NVARCHAR(200) '$'))",
                ListItems.Numbers => $"(SELECT value FROM OPENJSON({parameter}) WITH (value BIGINT '$'))",
                _ => throw new ArgumentOutOfRangeException(nameof(items)),
            };

    /// <summary>The value of an <see cref="InList"/> parameter: the items as one JSON array, in either dialect.</summary>
    public static string ListParameter<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items);

    public override string ToString() => Name;
}

/// <summary>What a list compared by <see cref="SqlDialect.InList"/> holds, which decides its SQL Server type.</summary>
public enum ListItems
{
    /// <summary>Ids and codes of ASCII characters compared with <c>VARCHAR</c> columns (person, unit, message ids; name keys; kinds).</summary>
    Ids,

    /// <summary>Text of any characters compared with <c>NVARCHAR</c> columns (a partner system's source ids).</summary>
    Text,

    /// <summary>Agency names and area codes, compared with columns of <see cref="SqlDialect.AgencyCollation"/>.</summary>
    Agencies,

    /// <summary>Whole numbers compared with <c>BIGINT</c> columns (outbox sequence numbers).</summary>
    Numbers,
}
