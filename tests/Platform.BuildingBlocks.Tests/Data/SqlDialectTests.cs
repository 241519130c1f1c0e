using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Tests.Sql;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Data;

public sealed class SqlDialectTests
{
    [Fact]
    public void Sqlite_pages_with_limit_and_offset()
    {
        Assert.Equal("LIMIT @Take OFFSET 0", SqlDialect.Sqlite.Page("@Take"));
        Assert.Equal("LIMIT @Take OFFSET @Skip", SqlDialect.Sqlite.Page("@Take", "@Skip"));
    }

    [Fact]
    public void Sql_server_pages_with_offset_and_fetch()
    {
        Assert.Equal("OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY", SqlDialect.SqlServer.Page("@Take"));
        Assert.Equal("OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY", SqlDialect.SqlServer.Page("@Take", "@Skip"));
    }

    [Fact]
    public void Dialect_names_are_the_migration_folder_names()
    {
        Assert.Equal("sqlite", SqlDialect.Sqlite.Name);
        Assert.Equal("sqlserver", SqlDialect.SqlServer.ToString());
    }

    [Fact]
    public void Sql_server_page_after_an_order_by_is_valid_TSql()
    {
        var sql = $"SELECT seq FROM dbo.audit_log ORDER BY seq DESC {SqlDialect.SqlServer.Page("@Take", "@Skip")}";

        Assert.Empty(TSql.Errors(sql));
    }

    [Fact]
    public async Task Sqlite_page_returns_the_requested_slice()
    {
        await using var file = TempSqlite.Empty();
        await using var db = await file.Database.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3), (4), (5), (6);");

        var page = await db.QueryAsync<long>($"SELECT v FROM n ORDER BY v {SqlDialect.Sqlite.Page("@Take", "@Skip")}", new { Take = 2, Skip = 3 });

        Assert.Equal([4L, 5L], page);
    }
}
