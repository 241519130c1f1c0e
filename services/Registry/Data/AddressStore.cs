using System.Data.Common;
using System.Text.Json;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Registry.Domain.Duplicates;

namespace Platform.Registry.Data;

public sealed class AddressRow
{
    public string AddressId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string LinesJson { get; set; } = "[]";
    public string? Postcode { get; set; }
    public string LocalAuthority { get; set; } = "";
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public bool Confidential { get; set; }
    public string VisibleToJson { get; set; } = "[]";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedByAgency { get; set; } = "";

    public IReadOnlyList<string> Lines() => JsonSerializer.Deserialize<string[]>(LinesJson) ?? [];

    public IReadOnlyList<string> VisibleTo() => JsonSerializer.Deserialize<string[]>(VisibleToJson) ?? [];
}

public sealed class AddressStore
{
    internal const string Insert =
        """
        INSERT INTO addresses (address_id, person_id, lines_json, postcode, local_authority, valid_from, valid_until,
                               confidential, visible_to_json, recorded_at, recorded_by_agency)
        VALUES (@AddressId, @PersonId, @LinesJson, @Postcode, @LocalAuthority, @ValidFrom, @ValidUntil,
                @Confidential, @VisibleToJson, @RecordedAt, @RecordedByAgency)
        """;

    internal static string SelectForPersons(SqlDialect dialect) =>
        $"""
        SELECT address_id, person_id, lines_json, postcode, local_authority, valid_from, valid_until, confidential,
               visible_to_json, recorded_at, recorded_by_agency
        FROM addresses WHERE person_id IN {dialect.InList("@PersonIds")} ORDER BY valid_from DESC, recorded_at DESC
        """;

    /// <summary>
    /// Current addresses that are not confidential: the only ones duplicate detection may compare, or
    /// registering a made-up person at a guessed address would tell whether someone hides there.
    /// </summary>
    internal static string SelectOpenCurrent(SqlDialect dialect) =>
        $"""
        SELECT person_id, lines_json, postcode FROM addresses
        WHERE person_id IN {dialect.InList("@PersonIds")} AND valid_until IS NULL AND confidential = 0
        ORDER BY valid_from DESC, recorded_at DESC
        """;

    internal const string Close = "UPDATE addresses SET valid_until = @Until WHERE address_id = @AddressId";

    public Task InsertAsync(DbConnection db, DbTransaction tx, AddressRow row) => db.ExecuteAsync(Insert, row, tx);

    public Task CloseAsync(DbConnection db, DbTransaction tx, string addressId, DateTimeOffset until) =>
        db.ExecuteAsync(Close, new { AddressId = addressId, Until = until }, tx);

    /// <summary>Newest first; for a linked person, pass every id of the group.</summary>
    public async Task<IReadOnlyList<AddressRow>> ForPersonsAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds) =>
        (await db.QueryAsync<AddressRow>(SelectForPersons(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).AsList();

    /// <summary>For each of the people who have one, the newest open current address as duplicate evidence.</summary>
    public async Task<IReadOnlyDictionary<string, AddressKey>> OpenCurrentAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds)
    {
        var keys = new Dictionary<string, AddressKey>(StringComparer.Ordinal);
        if (personIds.Count == 0)
        {
            return keys;
        }
        foreach (var row in await db.QueryAsync<AddressRow>(SelectOpenCurrent(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx))
        {
            if (!keys.ContainsKey(row.PersonId) && AddressKey.Of(row.Lines(), row.Postcode) is { } key)
            {
                keys[row.PersonId] = key;
            }
        }
        return keys;
    }

    public static AddressRow? CurrentOf(IEnumerable<AddressRow> addresses) =>
        addresses.Where(a => a.ValidUntil is null).MaxBy(a => a.ValidFrom);
}
