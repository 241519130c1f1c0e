using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.Engagement.Data;

/// <summary>Episodes of disengagement: at most one open per person (a unique index keeps it so).</summary>
public sealed class EpisodeStore
{
    internal const string Insert =
        """
        INSERT INTO disengagement_episodes (episode_id, person_id, rule_name, reason, risk_level, detected_at, last_success_at, attempts_since_success)
        VALUES (@EpisodeId, @PersonId, @RuleName, @Reason, @RiskLevel, @DetectedAt, @LastSuccessAt, @AttemptsSinceSuccess)
        """;

    internal const string SelectOpen = "SELECT * FROM disengagement_episodes WHERE person_id = @PersonId AND ended_at IS NULL";

    internal static string SelectOpenForPeople(SqlDialect dialect) =>
        $"SELECT * FROM disengagement_episodes WHERE person_id IN {dialect.InList("@People")} AND ended_at IS NULL";

    internal const string End =
        "UPDATE disengagement_episodes SET ended_at = @EndedAt, ended_by_contact_id = @ContactId WHERE episode_id = @EpisodeId";

    /// <summary>Open episodes of people an agency works with, or whose contacts it has recorded.</summary>
    internal const string SelectOpenForAgency =
        """
        SELECT e.* FROM disengagement_episodes e
        WHERE e.ended_at IS NULL
          AND (EXISTS (SELECT 1 FROM access_involvements i
                       WHERE i.person_id = e.person_id AND i.agency = @Agency AND (i.until IS NULL OR i.until > @Now))
               OR EXISTS (SELECT 1 FROM contacts c WHERE c.person_id = e.person_id AND c.agency = @Agency))
        ORDER BY e.detected_at
        """;

    /// <summary>Open episodes of people living in an area (a confidential address places nobody: it is never known here).</summary>
    internal const string SelectOpenForArea =
        """
        SELECT e.* FROM disengagement_episodes e
        JOIN person_context p ON p.person_id = e.person_id
        WHERE e.ended_at IS NULL AND p.local_authority = @LocalAuthority
        ORDER BY e.detected_at
        """;

    public Task InsertAsync(DbConnection db, DbTransaction tx, EpisodeRow row) => db.ExecuteAsync(Insert, row, tx);

    public Task<EpisodeRow?> OpenAsync(DbConnection db, DbTransaction tx, string personId) =>
        db.QuerySingleOrDefaultAsync<EpisodeRow>(SelectOpen, new { PersonId = personId }, tx);

    public async Task<IReadOnlyDictionary<string, EpisodeRow>> OpenForPeopleAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> people) =>
        (await db.QueryAsync<EpisodeRow>(SelectOpenForPeople(SqlDialect.Of(db)), new { People = SqlDialect.ListParameter(people) }, tx))
            .ToDictionary(e => e.PersonId, StringComparer.Ordinal);

    public Task EndAsync(DbConnection db, DbTransaction tx, string episodeId, DateTimeOffset endedAt, string? contactId) =>
        db.ExecuteAsync(End, new { EpisodeId = episodeId, EndedAt = endedAt, ContactId = contactId }, tx);

    public async Task<IReadOnlyList<EpisodeRow>> OpenForAgencyAsync(DbConnection db, DbTransaction tx, string agency, DateTimeOffset now) =>
        (await db.QueryAsync<EpisodeRow>(SelectOpenForAgency, new { Agency = agency, Now = now }, tx)).ToList();

    public async Task<IReadOnlyList<EpisodeRow>> OpenForAreaAsync(DbConnection db, DbTransaction tx, string localAuthority) =>
        (await db.QueryAsync<EpisodeRow>(SelectOpenForArea, new { LocalAuthority = localAuthority }, tx)).ToList();
}
