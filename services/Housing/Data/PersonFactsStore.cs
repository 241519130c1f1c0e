using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Housing.Domain;
using Platform.IntegrationEvents.Registry;

namespace Platform.Housing.Data;

public sealed class NeedsRow
{
    public string PersonId { get; set; } = "";
    public string ProfileJson { get; set; } = "{}";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByAgency { get; set; } = "";
}

public sealed class RiskRow
{
    public string PersonId { get; set; } = "";
    public string RiskLevel { get; set; } = "";
    public string Agency { get; set; } = "";
    public DateTimeOffset AssessedAt { get; set; }
}

public sealed class AddressPeriodRow
{
    public string LocalAuthority { get; set; } = "";
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
}

/// <summary>What housing knows of a person: her needs profile, her assessed risk level and her address timeline.</summary>
public sealed class PersonFactsStore
{
    internal const string InsertNeeds =
        """
        INSERT INTO needs_profiles (person_id, profile_json, version, updated_at, updated_by_agency)
        VALUES (@PersonId, @ProfileJson, 1, @UpdatedAt, @UpdatedByAgency)
        """;

    internal const string UpdateNeeds =
        """
        UPDATE needs_profiles SET profile_json = @ProfileJson, version = version + 1, updated_at = @UpdatedAt, updated_by_agency = @UpdatedByAgency
        WHERE person_id = @PersonId AND version = @ExpectedVersion
        """;

    internal const string SelectNeeds =
        "SELECT person_id, profile_json, version, updated_at, updated_by_agency FROM needs_profiles WHERE person_id = @PersonId";

    internal const string SelectRisk = "SELECT person_id, risk_level, agency, assessed_at FROM person_risk_levels WHERE person_id = @PersonId";

    internal const string UpdateRisk =
        "UPDATE person_risk_levels SET risk_level = @RiskLevel, agency = @Agency, assessed_at = @AssessedAt WHERE person_id = @PersonId AND assessed_at <= @AssessedAt";

    internal const string InsertRisk =
        """
        INSERT INTO person_risk_levels (person_id, risk_level, agency, assessed_at) SELECT @PersonId, @RiskLevel, @Agency, @AssessedAt
        WHERE NOT EXISTS (SELECT 1 FROM person_risk_levels WHERE person_id = @PersonId)
        """;

    internal const string ClaimTimeline = "UPDATE address_timelines SET sequence = @Sequence WHERE person_id = @PersonId AND sequence < @Sequence";

    internal const string InsertTimeline =
        """
        INSERT INTO address_timelines (person_id, sequence) SELECT @PersonId, @Sequence
        WHERE NOT EXISTS (SELECT 1 FROM address_timelines WHERE person_id = @PersonId)
        """;

    internal const string DeletePeriods = "DELETE FROM address_periods WHERE person_id = @PersonId";

    internal const string InsertPeriod =
        "INSERT INTO address_periods (person_id, local_authority, valid_from, valid_until) VALUES (@PersonId, @LocalAuthority, @ValidFrom, @ValidUntil)";

    internal static string SelectPeriods(SqlDialect dialect) =>
        $"SELECT local_authority, valid_from, valid_until FROM address_periods WHERE person_id IN {dialect.InList("@Group")}";

    public Task<NeedsRow?> NeedsAsync(DbConnection db, DbTransaction? tx, string personId) =>
        db.QuerySingleOrDefaultAsync<NeedsRow>(SelectNeeds, new { PersonId = personId }, tx);

    public Task InsertNeedsAsync(DbConnection db, DbTransaction tx, NeedsRow row) => db.ExecuteAsync(InsertNeeds, row, tx);

    public async Task<bool> TryUpdateNeedsAsync(DbConnection db, DbTransaction tx, NeedsRow row, long expectedVersion) =>
        await db.ExecuteAsync(UpdateNeeds, new { row.PersonId, row.ProfileJson, row.UpdatedAt, row.UpdatedByAgency, ExpectedVersion = expectedVersion }, tx) == 1;

    public Task<RiskRow?> RiskAsync(DbConnection db, DbTransaction? tx, string personId) =>
        db.QuerySingleOrDefaultAsync<RiskRow>(SelectRisk, new { PersonId = personId }, tx);

    /// <summary>Keeps the latest assessment: an older one arriving late changes nothing.</summary>
    public async Task RecordRiskAsync(DbConnection db, DbTransaction tx, RiskRow row)
    {
        await db.ExecuteAsync(UpdateRisk, row, tx);
        await db.ExecuteAsync(InsertRisk, row, tx);
    }

    /// <summary>Replaces a record's timeline with the registry's, if it is newer than the one held; false when it is not.</summary>
    public async Task<bool> ReplaceTimelineAsync(DbConnection db, DbTransaction tx, PersonAddressesChanged timeline)
    {
        var person = new { timeline.PersonId, timeline.Sequence };
        if (await db.ExecuteAsync(ClaimTimeline, person, tx) == 0 && await db.ExecuteAsync(InsertTimeline, person, tx) == 0)
        {
            return false;
        }
        await db.ExecuteAsync(DeletePeriods, person, tx);
        await db.ExecuteAsync(InsertPeriod, timeline.Addresses.Select(a => new
        {
            timeline.PersonId, a.LocalAuthority, ValidFrom = a.From, ValidUntil = a.Until,
        }), tx);
        return true;
    }

    /// <summary>The address history of her whole group of linked records, as the registry shows it.</summary>
    public async Task<IReadOnlyList<Residence>> AddressHistoryAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var group = await ProjectedPeople.GroupAsync(db, tx, personId);
        var dialect = SqlDialect.Of(db);
        var rows = await db.QueryAsync<AddressPeriodRow>(SelectPeriods(dialect),
            new { Group = SqlDialect.ListParameter(group.Count == 0 ? [personId] : group) }, tx);
        return rows.Select(r => new Residence(r.LocalAuthority, r.ValidFrom, r.ValidUntil)).ToList();
    }
}
