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

    /// <summary>Folder name of this dialect's migration scripts.</summary>
    public string Name { get; }

    /// <summary>Paging clause; it must follow an ORDER BY.</summary>
    public string Page(string take, string skip = "0") => string.Format(null, _pageFormat, take, skip);

    public override string ToString() => Name;
}
