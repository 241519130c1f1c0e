using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Data.Migrations;

/// <summary>
/// Applies the platform's shared tables (outbox, inbox, audit) and then the service's own scripts,
/// each script in its own transaction, recording what ran in schema_migrations.
/// </summary>
public sealed class MigrationRunner(ServiceDatabase database, ILogger<MigrationRunner> logger)
{
    public const string PlatformModule = "platform";

    internal const string CountApplied = "SELECT COUNT(*) FROM schema_migrations WHERE module = @Module AND version = @Version";

    internal const string RecordApplied =
        "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @AppliedAt)";

    /// <summary>
    /// SQL Server: replicas that start together take turns, holding the lock until their transaction
    /// ends, so that no two run one script. (On SQLite, BEGIN IMMEDIATE already makes them take turns.)
    /// </summary>
    internal const string TakeMigrationLock =
        """
        DECLARE @granted INT;
        EXEC @granted = sp_getapplock @Resource = N'schema_migrations', @LockMode = N'Exclusive',
             @LockOwner = N'Transaction', @LockTimeout = 120000;
        IF @granted < 0 THROW 50002, 'Timed out waiting for another instance to finish its migrations.', 1;
        """;

    internal static string CreateJournal(SqlDialect dialect) => dialect == SqlDialect.Sqlite
        ? """
          PRAGMA journal_mode = WAL;
          CREATE TABLE IF NOT EXISTS schema_migrations (
              module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
              PRIMARY KEY (module, version));
          """
        : """
          IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
          CREATE TABLE dbo.schema_migrations (
              module VARCHAR(64) NOT NULL, version INT NOT NULL, name NVARCHAR(200) NOT NULL,
              applied_at DATETIMEOFFSET NOT NULL, CONSTRAINT pk_schema_migrations PRIMARY KEY (module, version));
          """;

    public async Task ApplyAsync(Assembly serviceAssembly, CancellationToken cancellationToken = default)
    {
        await EnsureJournalAsync(cancellationToken);
        var scripts = MigrationScript.Load(typeof(MigrationRunner).Assembly, PlatformModule, database.Dialect)
            .Concat(MigrationScript.Load(serviceAssembly, database.Service.ToLowerInvariant(), database.Dialect));
        foreach (var script in scripts)
        {
            await ApplyAsync(script, cancellationToken);
        }
    }

    private async Task ApplyAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        await database.InTransactionAsync(async (db, tx) =>
        {
            if (database.Dialect == SqlDialect.SqlServer)
            {
                await db.ExecuteAsync(new CommandDefinition(TakeMigrationLock, transaction: tx, cancellationToken: cancellationToken));
            }
            var applied = await db.ExecuteScalarAsync<int>(CountApplied, new { script.Module, script.Version }, tx);
            if (applied > 0)
            {
                return;
            }
            foreach (var batch in script.Batches())
            {
                await db.ExecuteAsync(new CommandDefinition(batch, transaction: tx, cancellationToken: cancellationToken));
            }
            await db.ExecuteAsync(RecordApplied,
                new { script.Module, script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow }, tx);
            logger.LogInformation("Applied migration {Module} {Version} {Name} to {Service}",
                script.Module, script.Version, script.Name, database.Service);
        }, cancellationToken);
    }

    private async Task EnsureJournalAsync(CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.SqlServer)
        {
            // Two replicas could otherwise both find no journal and both create it.
            await database.InTransactionAsync(async (db, tx) =>
            {
                await db.ExecuteAsync(new CommandDefinition(TakeMigrationLock, transaction: tx, cancellationToken: cancellationToken));
                await db.ExecuteAsync(new CommandDefinition(CreateJournal(database.Dialect), transaction: tx, cancellationToken: cancellationToken));
            }, cancellationToken);
            return;
        }
        // SQLite: the journal mode cannot change inside a transaction; CREATE TABLE IF NOT EXISTS needs none.
        await using var sqlite = await database.OpenAsync(cancellationToken);
        await sqlite.ExecuteAsync(new CommandDefinition(CreateJournal(database.Dialect), cancellationToken: cancellationToken));
    }
}
