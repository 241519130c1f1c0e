namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The few places where SQLite and SQL Server differ in the statements the services write.
/// Everything else is written once, in the subset both understand.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("sqlite", "LIMIT {0} OFFSET {1}");
    public static readonly SqlDialect SqlServer = new("sqlserver", "OFFSET {1} ROWS FETCH NEXT {0} ROWS ONLY");

    private readonly string _pageFormat;

    private SqlDialect(string name, string pageFormat)
    {
        Name = name;
        _pageFormat = pageFormat;
    }

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
