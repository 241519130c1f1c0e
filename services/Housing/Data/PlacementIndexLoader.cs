using System.Data.Common;
using Dapper;
using MassTransit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Data;
using Platform.Housing.Domain;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.Data;

public sealed class UnitIndexRow
{
    public string UnitId { get; set; } = "";
    public string SchemeId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Name { get; set; } = "";
    public string AttributesJson { get; set; } = "{}";
    public string? VacancyId { get; set; }
    public DateTimeOffset? AvailableFrom { get; set; }
    public DateTimeOffset? AvailableUntil { get; set; }
    public string? VacancyStatus { get; set; }
    public string? HeldByOfferId { get; set; }
    public DateTimeOffset? HoldExpiresAt { get; set; }
}

/// <summary>
/// Fills the in-memory index from the database: everything at start and on a schedule, and the
/// units a change touched right after it commits, on this replica at once and on every other one
/// through <see cref="PlacementsChanged"/>. One load at a time, so a later read is never overwritten
/// by an earlier one.
/// </summary>
public sealed class PlacementIndexLoader(
    HousingDatabase database, PlacementIndex index, PlacementIndexReplica replica, IBus bus, TimeProvider clock, ILogger<PlacementIndexLoader> logger)
    : IDisposable
{
    private const string UnitRows =
        """
        SELECT u.unit_id, u.scheme_id, s.provider_id, u.name, u.attributes_json, v.vacancy_id, v.available_from, v.available_until,
               v.status AS vacancy_status, v.held_by_offer_id, v.hold_expires_at
        FROM units u JOIN schemes s ON s.scheme_id = u.scheme_id
        LEFT JOIN vacancies v ON v.unit_id = u.unit_id AND v.status IN ('open', 'promised')
        """;

    internal const string AllUnits = UnitRows;
    internal const string UnitsOfScheme = UnitRows + " WHERE u.scheme_id = @Id";
    internal const string UnitsOfProvider = UnitRows + " WHERE s.provider_id = @Id";
    internal const string AllSchemes = "SELECT scheme_id AS id, provider_id AS parent_id, name, attributes_json, version, updated_at FROM schemes";
    internal const string AllProviders = "SELECT provider_id AS id, NULL AS parent_id, name, attributes_json, version, updated_at FROM providers";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    internal static string UnitsById(SqlDialect dialect) => UnitRows + " WHERE u.unit_id IN " + dialect.InList("@Ids");

    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            index.ReplaceAll(await ReadAsync(AllUnits, new { }, cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a change to these units committed: reloads them here and tells the other replicas.</summary>
    public async Task ReloadUnitsAsync(params string[] unitIds)
    {
        await ApplyAsync(new PlacementsChanged { Origin = replica.Id, UnitIds = unitIds });
        await TellReplicasAsync(new PlacementsChanged { Origin = replica.Id, UnitIds = unitIds, OccurredAt = clock.GetUtcNow() });
    }

    public async Task ReloadSchemeAsync(string schemeId)
    {
        await ApplyAsync(new PlacementsChanged { Origin = replica.Id, SchemeId = schemeId });
        await TellReplicasAsync(new PlacementsChanged { Origin = replica.Id, SchemeId = schemeId, OccurredAt = clock.GetUtcNow() });
    }

    public async Task ReloadProviderAsync(string providerId)
    {
        await ApplyAsync(new PlacementsChanged { Origin = replica.Id, ProviderId = providerId });
        await TellReplicasAsync(new PlacementsChanged { Origin = replica.Id, ProviderId = providerId, OccurredAt = clock.GetUtcNow() });
    }

    /// <summary>Reloads what a change (here or on another replica) touched; tells no one.</summary>
    public async Task ApplyAsync(PlacementsChanged change)
    {
        if (change.UnitIds.Count > 0)
        {
            await ReloadAsync(UnitsById(database.Dialect), new { Ids = SqlDialect.ListParameter(change.UnitIds) });
        }
        if (change.SchemeId is not null)
        {
            await ReloadAsync(UnitsOfScheme, new { Id = change.SchemeId });
        }
        if (change.ProviderId is not null)
        {
            await ReloadAsync(UnitsOfProvider, new { Id = change.ProviderId });
        }
    }

    /// <summary>
    /// A hint, not a fact, so not through the outbox: the change is committed whatever happens here,
    /// and a replica that misses it catches up at its next scheduled reload.
    /// </summary>
    private async Task TellReplicasAsync(PlacementsChanged change)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await bus.Publish(change, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Telling other replicas that placements changed failed; their scheduled reload repairs it");
        }
    }

    /// <summary>
    /// Runs after a change has committed: a failure here must not report the committed change as
    /// failed, so it is logged and the scheduled full reload brings the index up to date.
    /// </summary>
    private async Task ReloadAsync(string sql, object parameters)
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var entry in await ReadAsync(sql, parameters, CancellationToken.None))
            {
                index.Upsert(entry);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Updating the placement index after a change failed; the next scheduled reload repairs it");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The unit as it stands inside the caller's transaction (an offer decides on this, not on the index).</summary>
    public async Task<UnitEntry> ReadUnitAsync(DbConnection db, DbTransaction tx, string unitId) =>
        (await ReadAsync(db, tx, UnitsById(database.Dialect), new { Ids = SqlDialect.ListParameter([unitId]) }, CancellationToken.None))
        .SingleOrDefault() ?? throw new NotFoundException("Unit", unitId);

    private async Task<List<UnitEntry>> ReadAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return await ReadAsync(db, null, sql, parameters, cancellationToken);
    }

    private static async Task<List<UnitEntry>> ReadAsync(DbConnection db, DbTransaction? tx, string sql, object parameters, CancellationToken cancellationToken)
    {
        var providers = (await db.QueryAsync<CatalogueRow>(AllProviders, transaction: tx)).ToDictionary(r => r.Id, r => UnitEntries.Parse(r.AttributesJson), StringComparer.Ordinal);
        var schemes = (await db.QueryAsync<CatalogueRow>(AllSchemes, transaction: tx)).ToDictionary(r => r.Id, r => r, StringComparer.Ordinal);
        var schemeAttributes = new Dictionary<string, PlacementAttributes>(StringComparer.Ordinal);
        var entries = new List<UnitEntry>();
        foreach (var row in await db.QueryAsync<UnitIndexRow>(new CommandDefinition(sql, parameters, tx, cancellationToken: cancellationToken)))
        {
            if (!schemeAttributes.TryGetValue(row.SchemeId, out var inherited))
            {
                var scheme = schemes[row.SchemeId];
                inherited = UnitEntries.Effective(providers[scheme.ParentId!], UnitEntries.Parse(scheme.AttributesJson));
                schemeAttributes[row.SchemeId] = inherited;
            }
            // Units of one scheme share the id strings, which keeps 100,000 entries small.
            row.SchemeId = schemes[row.SchemeId].Id;
            row.ProviderId = schemes[row.SchemeId].ParentId!;
            entries.Add(UnitEntries.Build(row, UnitEntries.Effective(inherited, UnitEntries.Parse(row.AttributesJson))));
        }
        return entries;
    }
}
