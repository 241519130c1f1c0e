using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;

namespace Platform.Housing.Data;

/// <summary>A provider, scheme or unit: a name and the attributes set at that level (JSON of PlacementAttributes).</summary>
public sealed class CatalogueRow
{
    public string Id { get; set; } = "";
    public string? ParentId { get; set; }
    /// <summary>Set on providers only: the agency that keeps the provider and everything under it.</summary>
    public string? OwnerAgency { get; set; }
    public string Name { get; set; } = "";
    public string AttributesJson { get; set; } = "{}";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Providers → schemes → units. Each level has its own table; the statements differ only in names.</summary>
public sealed class CatalogueStore
{
    internal const string InsertProvider =
        """
        INSERT INTO providers (provider_id, owner_agency, name, attributes_json, version, updated_at)
        VALUES (@Id, @OwnerAgency, @Name, @AttributesJson, 1, @UpdatedAt)
        """;

    internal const string InsertScheme =
        """
        INSERT INTO schemes (scheme_id, provider_id, name, attributes_json, version, updated_at)
        VALUES (@Id, @ParentId, @Name, @AttributesJson, 1, @UpdatedAt)
        """;

    internal const string InsertUnit =
        """
        INSERT INTO units (unit_id, scheme_id, name, attributes_json, version, updated_at)
        VALUES (@Id, @ParentId, @Name, @AttributesJson, 1, @UpdatedAt)
        """;

    internal const string SelectProvider =
        "SELECT provider_id AS id, NULL AS parent_id, owner_agency, name, attributes_json, version, updated_at FROM providers WHERE provider_id = @Id";

    internal const string SelectScheme =
        "SELECT scheme_id AS id, provider_id AS parent_id, name, attributes_json, version, updated_at FROM schemes WHERE scheme_id = @Id";

    internal const string SelectUnit =
        "SELECT unit_id AS id, scheme_id AS parent_id, name, attributes_json, version, updated_at FROM units WHERE unit_id = @Id";

    internal const string UpdateProviderRow =
        """
        UPDATE providers SET name = @Name, attributes_json = @AttributesJson, version = version + 1, updated_at = @UpdatedAt
        WHERE provider_id = @Id AND version = @ExpectedVersion
        """;

    internal const string UpdateSchemeRow =
        """
        UPDATE schemes SET name = @Name, attributes_json = @AttributesJson, version = version + 1, updated_at = @UpdatedAt
        WHERE scheme_id = @Id AND version = @ExpectedVersion
        """;

    internal const string UpdateUnitRow =
        """
        UPDATE units SET name = @Name, attributes_json = @AttributesJson, version = version + 1, updated_at = @UpdatedAt
        WHERE unit_id = @Id AND version = @ExpectedVersion
        """;

    internal const string SelectOwnerOfProvider = "SELECT owner_agency FROM providers WHERE provider_id = @Id";

    internal const string SelectOwnerOfScheme =
        "SELECT p.owner_agency FROM schemes s JOIN providers p ON p.provider_id = s.provider_id WHERE s.scheme_id = @Id";

    internal const string SelectOwnerOfUnit =
        """
        SELECT p.owner_agency FROM units u JOIN schemes s ON s.scheme_id = u.scheme_id
        JOIN providers p ON p.provider_id = s.provider_id WHERE u.unit_id = @Id
        """;

    /// <summary>One page of a level's rows after a (name, id) position, ordered by name then id.</summary>
    internal static string SelectPage(SqlDialect dialect, string table, string idColumn, string parentColumn) =>
        $"""
        SELECT {idColumn} AS id, {parentColumn} AS parent_id, {(table == "providers" ? "owner_agency" : "NULL AS owner_agency")}, name, attributes_json, version, updated_at
        FROM {table}
        WHERE (@ParentId IS NULL OR {parentColumn} = @ParentId)
          AND (@AfterName IS NULL OR name > @AfterName OR (name = @AfterName AND {idColumn} > @AfterId))
        ORDER BY name, {idColumn} {dialect.Page("@Take")}
        """;

    public static readonly CatalogueLevel Provider = new("Provider", InsertProvider, SelectProvider, UpdateProviderRow, SelectOwnerOfProvider);
    public static readonly CatalogueLevel Scheme = new("Scheme", InsertScheme, SelectScheme, UpdateSchemeRow, SelectOwnerOfScheme);
    public static readonly CatalogueLevel Unit = new("Unit", InsertUnit, SelectUnit, UpdateUnitRow, SelectOwnerOfUnit);

    /// <summary>
    /// Only the housing officers of the agency that keeps a provider (or an admin) change it, its
    /// schemes, units and vacancies: one agency must not rewrite what another promises its residents.
    /// </summary>
    public async Task EnsureKeeperAsync(DbConnection db, DbTransaction tx, CatalogueLevel level, string id, Caller caller)
    {
        var owner = await db.QuerySingleOrDefaultAsync<string?>(level.Owner, new { Id = id }, tx)
            ?? throw new NotFoundException(level.What, id);
        if (owner != caller.Agency && !caller.IsIn(PlatformRoles.Admin))
        {
            throw new PermissionDeniedException($"{level.What} '{id}' is kept by {owner}: only its housing officers change it.");
        }
    }

    public Task InsertAsync(DbConnection db, DbTransaction tx, CatalogueLevel level, CatalogueRow row) =>
        db.ExecuteAsync(level.Insert, row, tx);

    public async Task<CatalogueRow> GetAsync(DbConnection db, DbTransaction? tx, CatalogueLevel level, string id) =>
        await db.QuerySingleOrDefaultAsync<CatalogueRow>(level.Select, new { Id = id }, tx)
        ?? throw new NotFoundException(level.What, id);

    public async Task<IReadOnlyList<CatalogueRow>> PageAsync(DbConnection db, CatalogueLevel level, string? parentId, string? afterName, string? afterId, int take)
    {
        var sql = level == Provider
            ? SelectPage(SqlDialect.Of(db), "providers", "provider_id", "NULL")
            : SelectPage(SqlDialect.Of(db), "schemes", "scheme_id", "provider_id");
        return (await db.QueryAsync<CatalogueRow>(sql, new { ParentId = parentId, AfterName = afterName, AfterId = afterId, Take = take })).AsList();
    }

    public async Task UpdateAsync(DbConnection db, DbTransaction tx, CatalogueLevel level, CatalogueRow row, long expectedVersion)
    {
        var current = await GetAsync(db, tx, level, row.Id);
        var changed = await db.ExecuteAsync(level.Update,
            new { row.Id, row.Name, row.AttributesJson, row.UpdatedAt, ExpectedVersion = expectedVersion }, tx);
        if (changed != 1)
        {
            throw new StaleVersionException(level.What, row.Id, expectedVersion, current.Version);
        }
    }
}

public sealed record CatalogueLevel(string What, string Insert, string Select, string Update, string Owner);
