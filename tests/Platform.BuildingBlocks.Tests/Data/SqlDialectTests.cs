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

    [Theory]
    [InlineData(ListItems.Ids)]
    [InlineData(ListItems.Text)]
    [InlineData(ListItems.Agencies)]
    [InlineData(ListItems.Numbers)]
    public void Sql_server_list_is_valid_TSql_for_every_kind_of_item(ListItems items)
    {
        var sql = $"SELECT v FROM dbo.t WHERE v IN {SqlDialect.SqlServer.InList("@Items", items)}";

        Assert.Empty(TSql.Errors(sql));
        Assert.Contains("OPENJSON(@Items)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_list_of_five_thousand_ids_numbers_and_texts_is_one_parameter()
    {
        await using var file = TempSqlite.Empty();
        await using var db = await file.Database.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE t (id TEXT, n INTEGER, label TEXT)");
        var rows = Enumerable.Range(0, 6000).Select(i => new { Id = $"p-{i}", N = (long)i, Label = $"agence-é-{i}" }).ToList();
        await db.ExecuteAsync("INSERT INTO t (id, n, label) VALUES (@Id, @N, @Label)", rows);
        var wanted = rows.Where(r => r.N % 6 != 0).Take(5000).ToList();
        var dialect = SqlDialect.Sqlite;

        var byId = await db.QueryAsync<string>($"SELECT id FROM t WHERE id IN {dialect.InList("@Items")}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.Id)) });
        var byNumber = await db.QueryAsync<long>($"SELECT n FROM t WHERE n IN {dialect.InList("@Items", ListItems.Numbers)}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.N)) });
        var byText = await db.QueryAsync<string>($"SELECT label FROM t WHERE label IN {dialect.InList("@Items", ListItems.Text)}",
            new { Items = SqlDialect.ListParameter(wanted.Select(r => r.Label)) });

        Assert.Equal(wanted.Select(r => r.Id).Order(), byId.Order());
        Assert.Equal(wanted.Select(r => r.N), byNumber.Order());
        Assert.Equal(wanted.Select(r => r.Label).Order(), byText.Order());
    }
}
