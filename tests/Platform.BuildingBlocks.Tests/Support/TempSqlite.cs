using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>
/// A SQLite database file in its own temporary folder, deleted on dispose, after the database has
/// closed the connections its pool kept open.
/// </summary>
public sealed class TempSqlite : IAsyncDisposable
{
    private readonly string _folder;

    private TempSqlite(string service)
    {
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "platform-tests", "bb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, service.ToLowerInvariant() + ".db");
        Database = new TestDatabase(new DatabaseConnection(service, SqlDialect.Sqlite, $"Data Source={Path};Pooling=False"));
    }

    public string Path { get; }

    public TestDatabase Database { get; }

    /// <summary>An empty database; nothing applied yet.</summary>
    public static TempSqlite Empty(string service = "Test") => new(service);

    /// <summary>A database with the platform tables (outbox, inbox, audit) and the service's own, if any.</summary>
    public static async Task<TempSqlite> MigratedAsync(string service = "Test", Assembly? serviceAssembly = null)
    {
        var file = new TempSqlite(service);
        await file.MigrateAsync(serviceAssembly);
        return file;
    }

    /// <summary>Runs the migrations; the test assembly holds no scripts of its own, only the platform's apply.</summary>
    public Task MigrateAsync(Assembly? serviceAssembly = null) =>
        new MigrationRunner(Database, NullLogger<MigrationRunner>.Instance)
            .ApplyAsync(serviceAssembly ?? typeof(TempSqlite).Assembly);

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var db = await Database.OpenAsync();
        return (await db.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var db = await Database.OpenAsync();
        return (await db.QueryAsync<T>(sql, parameters)).AsList();
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var db = await Database.OpenAsync();
        return await db.ExecuteAsync(sql, parameters);
    }

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from the temp folder.
        }
        return ValueTask.CompletedTask;
    }
}
