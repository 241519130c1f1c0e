using System.Data.Common;
using Dapper;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Data;

/// <summary>
/// Each tracked person's engagement facts, kept beside the contacts they are computed from so the
/// scheduled check can find who may be disengaging without reading every contact.
/// </summary>
public sealed class EngagementStateStore
{
    internal const string Update =
        """
        UPDATE engagement_state SET first_contact_at = @FirstContactAt, last_success_at = @LastSuccessAt,
            last_attempt_at = @LastAttemptAt, attempts_since_success = @AttemptsSinceSuccess
        WHERE person_id = @PersonId
        """;

    internal const string Insert =
        """
        INSERT INTO engagement_state (person_id, first_contact_at, last_success_at, last_attempt_at, attempts_since_success)
        VALUES (@PersonId, @FirstContactAt, @LastSuccessAt, @LastAttemptAt, @AttemptsSinceSuccess)
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

    public async Task SaveAsync(DbConnection db, DbTransaction tx, string personId, EngagementFacts facts)
    {
        var row = new
        {
            PersonId = personId, facts.FirstContactAt, facts.LastSuccessAt, facts.LastAttemptAt, facts.AttemptsSinceSuccess,
        };
        if (await db.ExecuteAsync(Update, row, tx) == 0)
        {
            await db.ExecuteAsync(Insert, row, tx);
        }
    }

    public async Task<IReadOnlyList<string>> CandidatesAsync(
        DbConnection db, DbTransaction tx, int attempts, DateTimeOffset cutoff) =>
        (await db.QueryAsync<string>(SelectCandidates, new { Attempts = attempts, Cutoff = cutoff }, tx)).ToList();
}
