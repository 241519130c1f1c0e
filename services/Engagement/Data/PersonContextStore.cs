using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Engagement.Data;

/// <summary>
/// What this service knows of a person from the other services: the risk level (from safeguarding)
/// and the current area (from the registry's address timeline; none while she lives at a
/// confidential address). Each is kept only if newer than what is held, so events that arrive out
/// of order do not roll it back.
/// </summary>
public sealed class PersonContextStore
{
    internal const string Ensure =
        """
        INSERT INTO person_context (person_id) SELECT @PersonId
        WHERE NOT EXISTS (SELECT 1 FROM person_context WHERE person_id = @PersonId)
        """;

    internal const string UpdateRisk =
        """
        UPDATE person_context SET risk_level = @RiskLevel, risk_assessed_at = @At
        WHERE person_id = @PersonId AND (risk_assessed_at IS NULL OR risk_assessed_at <= @At)
        """;

    internal const string UpdateArea =
        """
        UPDATE person_context SET local_authority = @LocalAuthority, address_sequence = @Sequence
        WHERE person_id = @PersonId AND address_sequence < @Sequence
        """;

    internal static string SelectRiskOfMany(SqlDialect dialect) =>
        $"SELECT person_id, risk_level FROM person_context WHERE person_id IN {dialect.InList("@People")} AND risk_level IS NOT NULL";

    public async Task SetRiskAsync(DbConnection db, DbTransaction tx, string personId, string riskLevel, DateTimeOffset at)
    {
        await db.ExecuteAsync(Ensure, new { PersonId = personId }, tx);
        await db.ExecuteAsync(UpdateRisk, new { PersonId = personId, RiskLevel = riskLevel, At = at }, tx);
    }

    /// <summary>Her current area as of the registry's <paramref name="sequence"/> of her record; null: none known.</summary>
    public async Task SetAreaAsync(DbConnection db, DbTransaction tx, string personId, string? localAuthority, long sequence)
    {
        await db.ExecuteAsync(Ensure, new { PersonId = personId }, tx);
        await db.ExecuteAsync(UpdateArea, new { PersonId = personId, LocalAuthority = localAuthority, Sequence = sequence }, tx);
    }

    /// <summary>Each record's own risk level; standard for those without one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RiskLevelsAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> people)
    {
        var known = (await db.QueryAsync<(string PersonId, string RiskLevel)>(SelectRiskOfMany(SqlDialect.Of(db)),
                new { People = SqlDialect.ListParameter(people) }, tx))
            .ToDictionary(r => r.PersonId, r => r.RiskLevel, StringComparer.Ordinal);
        return people.ToDictionary(p => p, p => known.GetValueOrDefault(p, RiskLevels.Standard), StringComparer.Ordinal);
    }

    /// <summary>The highest risk level held for any record of the group; standard when none is known.</summary>
    public async Task<string> RiskLevelAsync(DbConnection db, DbTransaction tx, IReadOnlyList<string> group) =>
        (await RiskLevelsAsync(db, tx, group)).Values.MaxBy(RiskLevels.Rank) ?? RiskLevels.Standard;
}
