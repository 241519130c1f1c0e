using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Registry.Data;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Migrations;

/// <summary>
/// Databases deployed before the registry published sequenced snapshots: the new scripts run over
/// their rows, and nothing built from the earlier events is left to leak an area or grant access
/// the registry does not.
/// </summary>
public sealed partial class UpgradeTests
{
    private const string Former = "E06000024";
    private const string Refuge = "E06000025";

    [Fact]
    public async Task Engagement_upgrade_removes_the_area_of_every_confidential_move_it_had_kept()
    {
        await using var file = await MigratedToAsync("Engagement", typeof(EngagementDatabase).Assembly, version: 1);
        await file.ExecuteAsync(
            """
            INSERT INTO person_context (person_id, local_authority, address_confidential, area_since) VALUES ('fled', 'E06000025', 1, '2026-01-01T00:00:00.0000000+00:00');
            INSERT INTO person_context (person_id, local_authority, address_confidential, area_since) VALUES ('stayed', 'E06000024', 0, '2026-01-01T00:00:00.0000000+00:00');
            INSERT INTO handovers (handover_id, person_id, from_local_authority, to_local_authority, moved_at, requested_at, sending_agencies, risk_level, address_confidential, version)
            VALUES ('h-fled', 'fled', 'E06000024', 'E06000025', '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 'outreach-north,drugs-north', 'high', 1, 1);
            INSERT INTO handovers (handover_id, person_id, from_local_authority, to_local_authority, moved_at, requested_at, sending_agencies, risk_level, address_confidential, version)
            VALUES ('h-moved', 'stayed', 'E06000023', 'E06000024', '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 'outreach-city', 'standard', 0, 1);
            """);

        await file.MigrateAsync(typeof(EngagementDatabase).Assembly);

        Assert.Equal([("fled", null), ("stayed", Former)],
            (await file.QueryAsync<(string, string?)>("SELECT person_id, local_authority FROM person_context ORDER BY person_id")).ToList());
        Assert.Equal([("h-fled", null), ("h-moved", Former)],
            (await file.QueryAsync<(string, string?)>("SELECT handover_id, to_local_authority FROM handovers ORDER BY handover_id")).ToList());
        Assert.Equal(["drugs-north", "outreach-north"], await file.QueryAsync<string>("SELECT agency FROM handover_recipients WHERE handover_id = 'h-fled' ORDER BY agency"));
        Assert.Empty(await file.QueryAsync<string>("SELECT agency FROM handover_recipients WHERE handover_id = 'h-moved'"));
    }

    [Fact]
    public async Task Housing_upgrade_drops_the_address_points_that_held_confidential_areas()
    {
        await using var file = await MigratedToAsync("Housing", typeof(HousingDatabase).Assembly, version: 1);
        await file.ExecuteAsync("INSERT INTO address_points (person_id, local_authority, since) VALUES ('fled', 'E06000025', '2026-01-01T00:00:00.0000000+00:00')");

        await file.MigrateAsync(typeof(HousingDatabase).Assembly);

        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'address_points'"));
        Assert.Equal(0, await file.ScalarAsync<int>("SELECT COUNT(*) FROM address_periods"));
    }

    [Fact]
    public async Task Registry_upgrade_publishes_every_existing_record_once_and_replaces_what_projections_built_before()
    {
        await using var registry = await MigratedToAsync("Registry", typeof(RegistryDatabase).Assembly, version: 3);
        await registry.ExecuteAsync(LegacyRegistryRows);
        await using var consumer = await TempSqlite.MigratedAsync("Consumer");
        // What an earlier projection could hold: a share the registry no longer grants, the refuge's area, a link undone since.
        await consumer.ExecuteAsync(
            """
            INSERT INTO access_persons (person_id) VALUES ('fled'), ('other');
            INSERT INTO access_shares (person_id, agency, until) VALUES ('fled', 'police-avon', NULL);
            INSERT INTO access_areas (person_id, local_authority) VALUES ('fled', 'E06000025');
            INSERT INTO access_links (other_person_id, person_id) VALUES ('other', 'fled');
            """);

        await using var host = await TestHost.StartAsync(
            builder =>
            {
                builder.AddRegistry();
                builder.AddServiceDatabase("Consumer", connection => new TestDatabase(connection));
                builder.Services.AddPersonAccessProjection<TestDatabase>("consumer");
            },
            app => app.MapRegistry(),
            new TestHostOptions { Configuration = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Registry"] = $"Data Source={registry.Path}", ["ConnectionStrings:Consumer"] = $"Data Source={consumer.Path}",
            } });
        await Eventually.TrueAsync(async () => await consumer.ScalarAsync<int>("SELECT COUNT(*) FROM access_persons WHERE sequence > 0") == 2);

        Assert.Equal(0, await registry.ScalarAsync<int>("SELECT COUNT(*) FROM persons WHERE state_unpublished = 1"));
        foreach (var person in new[] { "fled", "other" })
        {
            var expected = await FactsAsync(host.Service<RegistryDatabase>(), host.Service<RegistryAccessFacts>(), person);
            var projected = await FactsAsync(host.Service<TestDatabase>(), host.Service<ProjectedAccessFacts>(), person);
            Assert.Equal(expected.InvolvedAgencies.Order(), projected.InvolvedAgencies.Order());
            Assert.Equal(expected.LocalAuthorities.Order(), projected.LocalAuthorities.Order());
            Assert.Equal(expected.SharedWithAgencies.Order(), projected.SharedWithAgencies.Order());
        }
        Assert.Equal([Former], (await FactsAsync(host.Service<TestDatabase>(), host.Service<ProjectedAccessFacts>(), "fled")).LocalAuthorities);
    }

    [Fact]
    public async Task Registry_upgrade_to_unique_keys_keeps_every_row_of_what_races_stored_twice()
    {
        await using var file = await MigratedToAsync("Registry", typeof(RegistryDatabase).Assembly, version: 5);
        await file.ExecuteAsync(
            """
            INSERT INTO persons (person_id, version, details_json, display_name, all_names, nhs_number, registered_at, registered_by_agency, updated_at)
            VALUES ('later', 1, '{}', 'A', 'A', '9434765919', '2025-01-01T00:00:01.0000000Z', 'outreach', '2025-01-01T00:00:01.0000000Z'),
                   ('first', 1, '{}', 'A', 'A', '9434765919', '2025-01-01T00:00:00.0000000Z', 'outreach', '2025-01-01T00:00:00.0000000Z'),
                   ('partner', 1, '{}', 'B', 'B', NULL, '2025-01-01T00:00:00.0000000Z', 'outreach', '2025-01-01T00:00:00.0000000Z');
            INSERT INTO relationships (relationship_id, from_person_id, to_person_id, type, recorded_by_agency, recorded_at, version)
            VALUES ('r-1', 'first', 'partner', 1, 'outreach', '2025-01-02T00:00:00.0000000Z', 1),
                   ('r-2', 'partner', 'first', 1, 'outreach', '2025-01-02T00:00:01.0000000Z', 1);
            """);

        await file.MigrateAsync(typeof(RegistryDatabase).Assembly);

        Assert.Equal([("first", "9434765919"), ("later", null), ("partner", null)],
            (await file.QueryAsync<(string, string?)>("SELECT person_id, nhs_number FROM persons ORDER BY person_id")).ToList());
        Assert.Equal([("r-1", "first|partner"), ("r-2", null)],
            (await file.QueryAsync<(string, string?)>("SELECT relationship_id, pair_key FROM relationships ORDER BY relationship_id")).ToList());
        Assert.Equal("first|partner", Platform.Registry.Data.RelationshipStore.PairKey("partner", "first", mutual: true));
    }

    private const string LegacyRegistryRows =
        """
        INSERT INTO persons (person_id, version, details_json, display_name, all_names, registered_at, registered_by_agency, updated_at)
        VALUES ('fled', 2, '{}', 'H A', 'H A', '2024-01-01T00:00:00.0000000+00:00', 'outreach-north', '2024-01-01T00:00:00.0000000+00:00'),
               ('other', 1, '{}', 'H B', 'H B', '2024-01-01T00:00:00.0000000+00:00', 'outreach-north', '2024-01-01T00:00:00.0000000+00:00');
        INSERT INTO involvements (involvement_id, person_id, agency, since, lead_professional, version)
        VALUES ('i-1', 'fled', 'outreach-north', '2024-01-01T00:00:00.0000000+00:00', 0, 1), ('i-2', 'other', 'outreach-north', '2024-01-01T00:00:00.0000000+00:00', 0, 1);
        INSERT INTO addresses (address_id, person_id, lines_json, local_authority, valid_from, valid_until, confidential, visible_to_json, recorded_at, recorded_by_agency)
        VALUES ('a-1', 'fled', '[]', 'E06000024', '2020-01-01T00:00:00.0000000+00:00', '2025-01-01T00:00:00.0000000+00:00', 0, '[]', '2024-01-01T00:00:00.0000000+00:00', 'outreach-north'),
               ('a-2', 'fled', '[]', 'E06000025', '2025-01-01T00:00:00.0000000+00:00', NULL, 1, '["refuge-haven"]', '2025-01-01T00:00:00.0000000+00:00', 'outreach-north');
        INSERT INTO sharing_records (sharing_id, person_id, agency, lawful_basis, reason, granted_at, until, granted_by_agency)
        VALUES ('s-1', 'fled', 'refuge-haven', 1, 'refuge support', '2025-01-01T00:00:00.0000000+00:00', NULL, 'outreach-north');
        """;

    private static async Task<PersonAccessFacts> FactsAsync(ServiceDatabase database, IPersonAccessFactsSource source, string personId) =>
        (await database.InTransactionAsync((db, tx) => source.GetAsync(personId, db, tx, CancellationToken.None)))!;

    /// <summary>A database with the platform's scripts and the service's up to <paramref name="version"/>: as deployed before.</summary>
    private static async Task<TempSqlite> MigratedToAsync(string service, Assembly assembly, int version)
    {
        var file = TempSqlite.Empty(service);
        var earlier = assembly.GetManifestResourceNames()
            .Where(name => ScriptVersion().Match(name) is { Success: true } match && int.Parse(match.Groups[1].Value, null) <= version)
            .ToDictionary(name => name, name => new StreamReader(assembly.GetManifestResourceStream(name)!).ReadToEnd());
        await file.MigrateAsync(new ResourceAssembly(earlier));
        return file;
    }

    [GeneratedRegex(@"\.Migrations\.\w+\.(\d+)_\w+\.sql$")]
    private static partial Regex ScriptVersion();
}
