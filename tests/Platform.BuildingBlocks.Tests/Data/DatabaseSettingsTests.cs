using Microsoft.Extensions.Configuration;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Tests.Data;

public sealed class DatabaseSettingsTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "platform-tests", "settings-" + Guid.NewGuid().ToString("N"));

    public DatabaseSettingsTests() => Directory.CreateDirectory(_contentRoot);

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Fact]
    public void Sqlite_is_the_default_with_one_file_per_service_under_the_data_folder()
    {
        var connection = DatabaseSettings.Resolve(Configuration(), "Registry", _contentRoot);

        var dataFolder = Path.Combine(_contentRoot, "data");
        Assert.Equal(SqlDialect.Sqlite, connection.Dialect);
        Assert.Equal("Registry", connection.Service);
        Assert.Equal($"Data Source={Path.Combine(dataFolder, "registry.db")}", connection.ConnectionString);
        Assert.True(Directory.Exists(dataFolder));
    }

    [Fact]
    public void Sqlite_commits_are_on_disk_before_they_are_acknowledged_unless_normal_is_chosen()
    {
        var byDefault = DatabaseSettings.Resolve(Configuration(), "Registry", _contentRoot);
        var normal = DatabaseSettings.Resolve(Configuration(("Database:SqliteSynchronous", "normal")), "Registry", _contentRoot);

        Assert.Equal("FULL", byDefault.SqliteSynchronous);
        Assert.Equal("NORMAL", normal.SqliteSynchronous);
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Resolve(Configuration(("Database:SqliteSynchronous", "OFF; DROP TABLE x")), "Registry", _contentRoot));
        Assert.Contains("use FULL or NORMAL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_data_directory_is_under_the_content_root()
    {
        var connection = DatabaseSettings.Resolve(Configuration(("Database:DataDirectory", "state/dbs")), "Housing", _contentRoot);

        Assert.Equal($"Data Source={Path.Combine(_contentRoot, "state", "dbs", "housing.db")}", connection.ConnectionString);
    }

    [Fact]
    public void Absolute_data_directory_is_used_as_given()
    {
        var folder = Path.Combine(_contentRoot, "elsewhere");

        var connection = DatabaseSettings.Resolve(Configuration(("Database:DataDirectory", folder)), "Engagement", "/nonexistent-root");

        Assert.Equal($"Data Source={Path.Combine(folder, "engagement.db")}", connection.ConnectionString);
    }

    [Fact]
    public void Sqlite_connection_string_when_given_is_used_as_is()
    {
        var connection = DatabaseSettings.Resolve(Configuration(("ConnectionStrings:Registry", "Data Source=:memory:")), "Registry", _contentRoot);

        Assert.Equal("Data Source=:memory:", connection.ConnectionString);
        Assert.False(Directory.Exists(Path.Combine(_contentRoot, "data")));
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("sqlserver")]
    public void Sql_server_uses_the_services_connection_string(string provider)
    {
        var connection = DatabaseSettings.Resolve(
            Configuration(("Database:Provider", provider), ("ConnectionStrings:Registry", "Server=db;Database=registry")), "Registry", _contentRoot);

        Assert.Equal(SqlDialect.SqlServer, connection.Dialect);
        Assert.Equal("Server=db;Database=registry", connection.ConnectionString);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Sql_server_without_a_connection_string_throws_naming_the_setting(string? connectionString)
    {
        var configuration = Configuration(("Database:Provider", "SqlServer"), ("ConnectionStrings:Registry", connectionString));

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve(configuration, "Registry", _contentRoot));

        Assert.Contains("ConnectionStrings:Registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_connection_string_of_another_service_does_not_count()
    {
        var configuration = Configuration(("Database:Provider", "SqlServer"), ("ConnectionStrings:Housing", "Server=db;Database=housing"));

        Assert.Throws<InvalidOperationException>(() => DatabaseSettings.Resolve(configuration, "Registry", _contentRoot));
    }

    [Fact]
    public void Unknown_provider_throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.Resolve(Configuration(("Database:Provider", "Postgres")), "Registry", _contentRoot));

        Assert.Contains("Postgres", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
