using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.Registry.Data;

namespace Platform.Registry.Tests.Data;

/// <summary>
/// A registry on a SQLite file of its own, migrated as a service starts and filled in one transaction
/// by <see cref="SeedAsync"/>; the file goes when the tests sharing it are done. The look-up tests need
/// thousands of people, so each class builds its population once rather than per test.
/// </summary>
public abstract class SqliteRegistryPopulation(string fileName) : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"{fileName}-{Guid.NewGuid():N}.db");

    public RegistryDatabase Database { get; private set; } = null!;

    public CandidateQueries Candidates { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DapperTypeHandlers.Register();
        Database = new RegistryDatabase(new DatabaseConnection(RegistryExtensions.ServiceName, SqlDialect.Sqlite, $"Data Source={_file}"));
        await new MigrationRunner(Database, NullLogger<MigrationRunner>.Instance).ApplyAsync(typeof(RegistryDatabase).Assembly);
        Candidates = new CandidateQueries(Database);
        var people = new PersonStore();
        await Database.InTransactionAsync((db, tx) => SeedAsync(people, db, tx));
    }

    /// <summary>Registers the class's people, in the one transaction that fills the file.</summary>
    protected abstract Task SeedAsync(PersonStore people, DbConnection db, DbTransaction tx);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }
}
