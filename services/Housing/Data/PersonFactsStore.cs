using System.Data.Common;
using Dapper;
using Platform.Housing.Domain;

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

public sealed class AddressPointRow
{
    public string LocalAuthority { get; set; } = "";
    public DateTimeOffset Since { get; set; }
}

/// <summary>What housing knows of a person: her needs profile, her assessed risk level and her address history.</summary>
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

    internal const string InsertAddressPoint =
        """
        INSERT INTO address_points (person_id, local_authority, since) SELECT @PersonId, @LocalAuthority, @Since
        WHERE NOT EXISTS (SELECT 1 FROM address_points WHERE person_id = @PersonId AND since = @Since AND local_authority = @LocalAuthority)
        """;

    internal const string SelectAddressPoints =
        "SELECT local_authority, since FROM address_points WHERE person_id = @PersonId ORDER BY since";

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

    public Task AddAddressPointAsync(DbConnection db, DbTransaction tx, string personId, string localAuthority, DateTimeOffset since) =>
        db.ExecuteAsync(InsertAddressPoint, new { PersonId = personId, LocalAuthority = localAuthority, Since = since }, tx);

    public async Task<IReadOnlyList<AddressPoint>> AddressHistoryAsync(DbConnection db, DbTransaction? tx, string personId) =>
        (await db.QueryAsync<AddressPointRow>(SelectAddressPoints, new { PersonId = personId }, tx))
        .Select(r => new AddressPoint(r.LocalAuthority, r.Since)).ToList();
}
