using System.Reflection;
using Microsoft.Data.Sqlite;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>
/// Every statement the code runs is valid T-SQL (SQL Server dialect) and compiles against the
/// SQLite schema the migrations create (SQLite dialect), so a typo in a column name or a construct
/// one of the two databases does not know fails here rather than in production.
/// </summary>
public sealed class CodeStatementTests(CodeStatementTests.MigratedServices databases) : IClassFixture<CodeStatementTests.MigratedServices>
{
    public static TheoryData<string> Sources() => new(CodeStatements.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Sources))]
    public void Statement_parses_as_TSql(string source)
    {
        var sql = CodeStatements.All[source](SqlDialect.SqlServer);

        var errors = TSql.Errors(sql);

        Assert.True(errors.Count == 0, $"{source}:\n{TSql.Describe(errors, sql)}");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Statement_compiles_against_the_sqlite_schema(string source)
    {
        var sql = CodeStatements.All[source](SqlDialect.Sqlite);
        await using var db = (SqliteConnection)await databases.For(CodeStatements.OwnerOf(source)).Database.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;

        var error = Record.Exception(command.Prepare);

        Assert.True(error is null, $"{source}: {error?.Message}\n{sql}");
    }

    [Fact]
    public void Sql_server_migration_lock_parses_as_TSql()
    {
        var errors = TSql.Errors(MigrationRunner.TakeMigrationLock);

        Assert.True(errors.Count == 0, TSql.Describe(errors, MigrationRunner.TakeMigrationLock));
    }

    [Fact]
    public void Sql_server_journal_upgrade_parses_as_TSql()
    {
        var errors = TSql.Errors(MigrationRunner.AddChecksumColumnSqlServer);

        Assert.True(errors.Count == 0, TSql.Describe(errors, MigrationRunner.AddChecksumColumnSqlServer));
    }

    [Fact]
    public void Discovery_finds_constants_dialect_methods_and_counted_methods_in_both_assemblies()
    {
        var sources = CodeStatements.All.Keys.ToHashSet();

        Assert.Contains("Inbox.RecordFirstDelivery", sources);
        Assert.Contains("OutboxStatements.Insert", sources);
        Assert.Contains("AuditLog.SelectByPerson", sources);
        Assert.Contains("AuditLog.SelectBySubject", sources);
        Assert.Contains("AuditLog.SelectByAgency", sources);
        Assert.Contains("OutboxStatements.LeaseBatch", sources);
        Assert.Contains("MigrationRunner.CreateJournal", sources);
        Assert.Contains("PersonStore.InsertPerson", sources);
        Assert.Contains("CandidateQueries.ByAnyKey", sources);
        Assert.Contains("CandidateQueries.ByAllTokens(3)", sources);
        Assert.Contains("ChronologyStore.SelectNewestFirst", sources);
        Assert.True(sources.Count > 40, $"only {sources.Count} statements found");
    }

    /// <summary>
    /// One database per service with every migration applied, shared by the SQLite checks. The
    /// building blocks' statements (outbox, inbox, audit, access projection) run against the first.
    /// </summary>
    public sealed class MigratedServices : IAsyncLifetime
    {
        private readonly Dictionary<Assembly, TempSqlite> _files = [];

        public TempSqlite For(Assembly owner) => _files.TryGetValue(owner, out var file) ? file : _files.Values.First();

        public async Task InitializeAsync()
        {
            foreach (var assembly in CodeStatements.Assemblies.Skip(1))
            {
                _files[assembly] = await TempSqlite.MigratedAsync(assembly.GetName().Name!, assembly);
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var file in _files.Values)
            {
                await file.DisposeAsync();
            }
        }
    }
}
