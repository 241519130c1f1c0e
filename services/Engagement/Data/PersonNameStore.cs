using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.Engagement.Data;

/// <summary>
/// Each person's usual name as the registry last published it, kept only if its version is newer than
/// the one held, so events that arrive out of order do not roll it back. Read by the chronology for
/// the people a caller may see, never for the others.
/// </summary>
public sealed class PersonNameStore
{
    internal const string Insert =
        """
        INSERT INTO person_names (person_id, display_name, version) SELECT @PersonId, @DisplayName, @Version
        WHERE NOT EXISTS (SELECT 1 FROM person_names WHERE person_id = @PersonId)
        """;

    internal const string Update =
        "UPDATE person_names SET display_name = @DisplayName, version = @Version WHERE person_id = @PersonId AND version < @Version";

    internal static string SelectMany(SqlDialect dialect) =>
        $"SELECT person_id, display_name FROM person_names WHERE person_id IN {dialect.InList("@People")}";

    public async Task SetAsync(DbConnection db, DbTransaction tx, string personId, string displayName, long version)
    {
        var row = new { PersonId = personId, DisplayName = displayName, Version = version };
        if (await db.ExecuteAsync(Insert, row, tx) == 0)
        {
            await db.ExecuteAsync(Update, row, tx);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> people) =>
        people.Count == 0
            ? new Dictionary<string, string>()
            : (await db.QueryAsync<(string PersonId, string DisplayName)>(SelectMany(SqlDialect.Of(db)),
                    new { People = SqlDialect.ListParameter(people) }, tx))
                .ToDictionary(r => r.PersonId, r => r.DisplayName, StringComparer.Ordinal);
}
