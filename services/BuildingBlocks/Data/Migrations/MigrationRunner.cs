using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Data.Migrations;

/// <summary>
/// Applies the platform's shared tables (outbox, inbox, audit) and then the service's own scripts,
/// each script in its own transaction, recording what ran, with its checksum, in schema_migrations.
/// A script applied before whose text has changed since stops the start-up: the database was built
/// by the script as it was, and what the code expects of it is the script as it is.
/// </summary>
public sealed class MigrationRunner(ServiceDatabase database, ILogger<MigrationRunner> logger)
{
    public const string PlatformModule = "platform";

    internal const string SelectApplied = "SELECT name, checksum FROM schema_migrations WHERE module = @Module AND version = @Version";

    internal const string RecordApplied =
        """
        INSERT INTO schema_migrations (module, version, name, applied_at, checksum)
        VALUES (@Module, @Version, @Name, @AppliedAt, @Checksum)
        """;

    /// <summary>Journal rows written before checksums were kept take the checksum of the script as shipped.</summary>
    internal const string AdoptChecksum =
        "UPDATE schema_migrations SET checksum = @Checksum WHERE module = @Module AND version = @Version AND checksum IS NULL";

    internal const string CountChecksumColumns = "SELECT COUNT(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'";

    internal const string AddChecksumColumnSqlite = "ALTER TABLE schema_migrations ADD COLUMN checksum TEXT NULL";

    internal const string AddChecksumColumnSqlServer =
        "IF COL_LENGTH(N'dbo.schema_migrations', N'checksum') IS NULL ALTER TABLE dbo.schema_migrations ADD checksum VARCHAR(64) NULL;";

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
              checksum TEXT NULL, PRIMARY KEY (module, version));
          """
        : """
          IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
          CREATE TABLE dbo.schema_migrations (
              module VARCHAR(64) NOT NULL, version INT NOT NULL, name NVARCHAR(200) NOT NULL,
              applied_at DATETIMEOFFSET NOT NULL, checksum VARCHAR(64) NULL,
              CONSTRAINT pk_schema_migrations PRIMARY KEY (module, version));
          """;

    public async Task ApplyAsync(Assembly serviceAssembly, CancellationToken cancellationToken = default)
    {
        // Loaded first: two scripts with one version refuse the start before anything is touched.
        var scripts = MigrationScript.Load(typeof(MigrationRunner).Assembly, PlatformModule, database.Dialect)
            .Concat(MigrationScript.Load(serviceAssembly, database.Service.ToLowerInvariant(), database.Dialect))
            .ToList();
        await EnsureJournalAsync(cancellationToken);
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
            var applied = await db.QuerySingleOrDefaultAsync<AppliedScript>(SelectApplied, new { script.Module, script.Version }, tx);
            if (applied is not null)
            {
                await VerifyAsync(script, applied, db, tx);
                return;
            }
            foreach (var batch in script.Batches())
            {
                await db.ExecuteAsync(new CommandDefinition(batch, transaction: tx, cancellationToken: cancellationToken));
            }
            await db.ExecuteAsync(RecordApplied,
                new { script.Module, script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow, script.Checksum }, tx);
            logger.LogInformation("Applied migration {Module} {Version} {Name} to {Service}",
                script.Module, script.Version, script.Name, database.Service);
        }, cancellationToken);
    }

    private async Task VerifyAsync(MigrationScript script, AppliedScript applied, System.Data.Common.DbConnection db, System.Data.Common.DbTransaction tx)
    {
        if (applied.Checksum is null)
        {
            // Applied before checksums were kept: adopt the script as shipped (shipped scripts are never edited).
            await db.ExecuteAsync(AdoptChecksum, new { script.Module, script.Version, script.Checksum }, tx);
            logger.LogInformation("Recorded the checksum of migration {Module} {Version} {Name}, applied to {Service} before checksums were kept",
                script.Module, script.Version, script.Name, database.Service);
            return;
        }
        if (!string.Equals(applied.Checksum, script.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            throw new MigrationChangedException(script, applied.Name, database.Service);
        }
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
                await db.ExecuteAsync(new CommandDefinition(AddChecksumColumnSqlServer, transaction: tx, cancellationToken: cancellationToken));
            }, cancellationToken);
            return;
        }
        // SQLite: the journal mode cannot change inside a transaction; CREATE TABLE IF NOT EXISTS needs none.
        await using (var sqlite = await database.OpenAsync(cancellationToken))
        {
            await sqlite.ExecuteAsync(new CommandDefinition(CreateJournal(database.Dialect), cancellationToken: cancellationToken));
        }
        // A journal made before checksums were kept gains the column; runners starting together take turns.
        await database.InTransactionAsync(async (db, tx) =>
        {
            if (await db.ExecuteScalarAsync<int>(CountChecksumColumns, transaction: tx) == 0)
            {
                await db.ExecuteAsync(new CommandDefinition(AddChecksumColumnSqlite, transaction: tx, cancellationToken: cancellationToken));
            }
        }, cancellationToken);
    }

    private sealed class AppliedScript
    {
        public string Name { get; set; } = "";
        public string? Checksum { get; set; }
    }
}

/// <summary>An applied migration script was edited after it ran: the service must not start on that database.</summary>
public sealed class MigrationChangedException(MigrationScript script, string appliedName, string service) : InvalidOperationException(
    $"Migration {script} was changed after it was applied to the {service} database (applied as {script.Version:000}_{appliedName}.sql; "
    + $"its checksum is now {script.Checksum[..12]}…, not the one recorded). A shipped script is never edited: "
    + "restore it as it was and put the change in a new script.")
{
    public MigrationScript Script { get; } = script;
}
