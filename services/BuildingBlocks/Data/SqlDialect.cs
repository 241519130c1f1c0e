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
    public static SqlDialect Of(System.Data.Common.DbConnection db) => db is Microsoft.Data.Sqlite.SqliteConnection ? Sqlite : SqlServer;

    /// <summary>Folder name of this dialect's migration scripts.</summary>
    public string Name { get; }

    /// <summary>Paging clause; it must follow an ORDER BY.</summary>
    public string Page(string take, string skip = "0") => string.Format(null, _pageFormat, take, skip);

    /// <summary>
    /// The right side of <c>IN</c> for a list of ids. SQLite takes the list as one JSON parameter
    /// (hundreds of expanded parameters cost more to prepare than the query takes to run); SQL Server
    /// takes Dapper's expanded list. Pass the value from <see cref="ListParameter"/>.
    /// </summary>
    public string InList(string parameter) =>
        this == Sqlite ? $"(SELECT value FROM json_each({parameter}))" : parameter;

    public object ListParameter(IEnumerable<string> ids) =>
        this == Sqlite ? System.Text.Json.JsonSerializer.Serialize(ids) : ids.ToList();

    public override string ToString() => Name;
}
