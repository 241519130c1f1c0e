using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Registry.Data;

public sealed class RelationshipRow
{
    public string RelationshipId { get; set; } = "";
    public string FromPersonId { get; set; } = "";
    public string ToPersonId { get; set; } = "";
    public int Type { get; set; }
    public DateTimeOffset? Since { get; set; }
    public DateTimeOffset? Until { get; set; }
    public string? Notes { get; set; }
    public string RecordedByAgency { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public long Version { get; set; }
}

public sealed class RelationshipStore
{
    internal const string Insert =
        """
        INSERT INTO relationships (relationship_id, from_person_id, to_person_id, type, since, until, notes,
                                   recorded_by_agency, recorded_at, version, pair_key)
        VALUES (@RelationshipId, @FromPersonId, @ToPersonId, @Type, @Since, NULL, @Notes, @RecordedByAgency, @RecordedAt, 1, @PairKey)
        """;

    internal const string SelectOne =
        """
        SELECT relationship_id, from_person_id, to_person_id, type, since, until, notes, recorded_by_agency, recorded_at, version
        FROM relationships WHERE relationship_id = @RelationshipId
        """;

    internal static string SelectTouching(SqlDialect dialect) =>
        $"""
        SELECT relationship_id, from_person_id, to_person_id, type, since, until, notes, recorded_by_agency, recorded_at, version
        FROM relationships WHERE from_person_id IN {dialect.InList("@PersonIds")} OR to_person_id IN {dialect.InList("@PersonIds")}
        """;

    internal const string End =
        "UPDATE relationships SET until = @Until, version = version + 1 WHERE relationship_id = @RelationshipId AND version = @ExpectedVersion AND until IS NULL";

    /// <summary>
    /// Stores the relationship unless the same one stands already: for a mutual type (partner,
    /// sibling…) in either direction. The database decides (a unique index on type and
    /// <see cref="PairKey"/> over standing relationships), so two calls at once cannot both store it.
    /// </summary>
    public async Task InsertAsync(DbConnection db, DbTransaction tx, RelationshipRow row, bool mutual)
    {
        try
        {
            await db.ExecuteAsync(Insert, new
            {
                row.RelationshipId, row.FromPersonId, row.ToPersonId, row.Type, row.Since, row.Notes,
                row.RecordedByAgency, row.RecordedAt, PairKey = PairKey(row.FromPersonId, row.ToPersonId, mutual),
            }, tx);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new AlreadyExistsException("This relationship is already recorded and has not ended.");
        }
    }

    /// <summary>The two people of a relationship as one key: in code-point order when it runs both ways.</summary>
    public static string PairKey(string fromPersonId, string toPersonId, bool mutual) =>
        mutual && string.CompareOrdinal(toPersonId, fromPersonId) < 0 ? $"{toPersonId}|{fromPersonId}" : $"{fromPersonId}|{toPersonId}";

    public async Task<RelationshipRow> GetAsync(DbConnection db, DbTransaction tx, string relationshipId) =>
        await db.QuerySingleOrDefaultAsync<RelationshipRow>(SelectOne, new { RelationshipId = relationshipId }, tx)
        ?? throw new NotFoundException("Relationship", relationshipId);

    public async Task<IReadOnlyList<RelationshipRow>> TouchingAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0 ? [] : (await db.QueryAsync<RelationshipRow>(SelectTouching(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).AsList();

    public async Task EndAsync(DbConnection db, DbTransaction tx, RelationshipRow row, long expectedVersion, DateTimeOffset until)
    {
        var changed = await db.ExecuteAsync(End, new { row.RelationshipId, ExpectedVersion = expectedVersion, Until = until }, tx);
        if (changed != 1)
        {
            throw row.Until is not null
                ? new PreconditionFailedException("The relationship has already ended.")
                : new StaleVersionException("Relationship", row.RelationshipId, expectedVersion, row.Version);
        }
    }
}
