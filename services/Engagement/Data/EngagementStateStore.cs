using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Data;

/// <summary>
/// Each tracked person's engagement facts, kept beside the contacts they are computed from so the
/// scheduled check can find who may be disengaging without reading every contact.
/// </summary>
public sealed class EngagementStateStore
{
    /// <summary>
    /// A person's state written whether or not she is tracked yet, in one statement: recording a
    /// contact saves it inside the database's one writer, where a read to choose between an update and
    /// an insert would be one more statement paid for serially. On SQL Server the MERGE holds its key
    /// range (HOLDLOCK), so two transactions saving the same new person cannot both insert her; the id is
    /// cast to the column's type so that the key is sought, and only her range is held.
    /// </summary>
    internal static string Save(SqlDialect dialect) => dialect == SqlDialect.Sqlite
        ? """
          INSERT INTO engagement_state (person_id, first_contact_at, last_success_at, last_attempt_at, attempts_since_success)
          VALUES (@PersonId, @FirstContactAt, @LastSuccessAt, @LastAttemptAt, @AttemptsSinceSuccess)
          ON CONFLICT (person_id) DO UPDATE SET first_contact_at = excluded.first_contact_at,
              last_success_at = excluded.last_success_at, last_attempt_at = excluded.last_attempt_at,
              attempts_since_success = excluded.attempts_since_success
          """
        : """
          MERGE engagement_state WITH (HOLDLOCK) AS s
          USING (SELECT CAST(@PersonId AS VARCHAR(36)) AS person_id) AS n ON s.person_id = n.person_id
          WHEN MATCHED THEN UPDATE SET first_contact_at = @FirstContactAt, last_success_at = @LastSuccessAt,
              last_attempt_at = @LastAttemptAt, attempts_since_success = @AttemptsSinceSuccess
          WHEN NOT MATCHED THEN INSERT (person_id, first_contact_at, last_success_at, last_attempt_at, attempts_since_success)
              VALUES (@PersonId, @FirstContactAt, @LastSuccessAt, @LastAttemptAt, @AttemptsSinceSuccess);
          """;

    /// <summary>
    /// People with no open episode who pass the loosest threshold of any rule; the rule itself then
    /// decides with their risk level.
    /// </summary>
    internal const string SelectCandidates =
        """
        SELECT s.person_id FROM engagement_state s
        WHERE (s.attempts_since_success >= @Attempts OR COALESCE(s.last_success_at, s.first_contact_at) < @Cutoff)
          AND NOT EXISTS (SELECT 1 FROM disengagement_episodes e WHERE e.person_id = s.person_id AND e.ended_at IS NULL)
        """;

    internal const string MarkPending =
        "INSERT INTO engagement_pending (person_id) SELECT @PersonId WHERE NOT EXISTS (SELECT 1 FROM engagement_pending WHERE person_id = @PersonId)";

    internal static string SelectPending(SqlDialect dialect) => $"SELECT person_id FROM engagement_pending ORDER BY person_id {dialect.Page("@Take")}";

    internal static string ClearPending(SqlDialect dialect) => $"DELETE FROM engagement_pending WHERE person_id IN {dialect.InList("@People")}";

    /// <summary>Notes people whose state must be refreshed later (see <c>engagement_pending</c>).</summary>
    public Task MarkPendingAsync(DbConnection db, DbTransaction tx, IEnumerable<string> people) =>
        db.ExecuteAsync(MarkPending, people.Select(p => new { PersonId = p }), tx);

    public async Task<IReadOnlyList<string>> PendingAsync(DbConnection db, DbTransaction tx, int take) =>
        (await db.QueryAsync<string>(SelectPending(SqlDialect.Of(db)), new { Take = take }, tx)).ToList();

    public Task ClearPendingAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> people) =>
        db.ExecuteAsync(ClearPending(SqlDialect.Of(db)), new { People = SqlDialect.ListParameter(people) }, tx);

    public Task SaveAsync(DbConnection db, DbTransaction tx, IReadOnlyDictionary<string, EngagementFacts> facts) =>
        db.ExecuteAsync(Save(SqlDialect.Of(db)), facts.Select(pair => new
        {
            PersonId = pair.Key, pair.Value.FirstContactAt, pair.Value.LastSuccessAt, pair.Value.LastAttemptAt, pair.Value.AttemptsSinceSuccess,
        }), tx);

    public async Task<IReadOnlyList<string>> CandidatesAsync(
        DbConnection db, DbTransaction tx, int attempts, DateTimeOffset cutoff) =>
        (await db.QueryAsync<string>(SelectCandidates, new { Attempts = attempts, Cutoff = cutoff }, tx)).ToList();
}
