using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Data;

public sealed class ConcernStore
{
    internal const string Insert =
        """
        INSERT INTO concerns (concern_id, person_id, agency, area, source, raised_by, location_of_risk, description,
            immediate_risk, immediate_action, named_agencies, raised_at, stage, decision, decision_json, decided_at,
            desired_outcomes_asked, desired_outcomes_json, closure_json, risk_outcome, closed_at, follow_up_at,
            recorded_at, recorded_by, version)
        VALUES (@ConcernId, @PersonId, @Agency, @Area, @Source, @RaisedBy, @LocationOfRisk, @Description,
            @ImmediateRisk, @ImmediateAction, @NamedAgencies, @RaisedAt, @Stage, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, NULL, NULL, @RecordedAt, @RecordedBy, 1)
        """;

    internal const string InsertCategory = "INSERT INTO concern_categories (concern_id, category) VALUES (@ConcernId, @Category)";

    internal const string InsertStageChange =
        """
        INSERT INTO concern_stage_changes (change_id, concern_id, version, from_stage, to_stage, reason, changed_by, agency, changed_at)
        VALUES (@ChangeId, @ConcernId, @Version, @FromStage, @ToStage, @Reason, @ChangedBy, @Agency, @ChangedAt)
        """;

    /// <summary>Every later change writes the whole mutable part, guarded by the version it was read at.</summary>
    internal const string Update =
        """
        UPDATE concerns SET stage = @Stage, decision = @Decision, decision_json = @DecisionJson, decided_at = @DecidedAt,
            desired_outcomes_asked = @DesiredOutcomesAsked, desired_outcomes_json = @DesiredOutcomesJson,
            closure_json = @ClosureJson, risk_outcome = @RiskOutcome, closed_at = @ClosedAt, follow_up_at = @FollowUpAt,
            enquiry_started_at = @EnquiryStartedAt, desired_outcomes_count = @DesiredOutcomesCount, outcomes_achieved = @OutcomesAchieved,
            version = version + 1
        WHERE concern_id = @ConcernId AND version = @Version
        """;

    internal const string SelectById = "SELECT * FROM concerns WHERE concern_id = @ConcernId";

    internal const string SelectPerson = "SELECT person_id FROM concerns WHERE concern_id = @ConcernId";

    internal const string SelectByPerson = "SELECT * FROM concerns WHERE person_id = @PersonId ORDER BY raised_at DESC, concern_id";

    internal const string SelectCategories = "SELECT category FROM concern_categories WHERE concern_id = @ConcernId ORDER BY category";

    internal const string SelectStageChanges =
        "SELECT * FROM concern_stage_changes WHERE concern_id = @ConcernId ORDER BY version";

    public async Task InsertAsync(DbConnection db, DbTransaction tx, ConcernRow row, StageChangeRow first)
    {
        await db.ExecuteAsync(Insert, row, tx);
        foreach (var category in row.Categories)
        {
            await db.ExecuteAsync(InsertCategory, new { row.ConcernId, Category = category }, tx);
        }
        await db.ExecuteAsync(InsertStageChange, first, tx);
    }

    public async Task<ConcernRow> GetAsync(DbConnection db, DbTransaction tx, string concernId)
    {
        var row = await db.QuerySingleOrDefaultAsync<ConcernRow>(SelectById, new { ConcernId = concernId }, tx)
            ?? throw new NotFoundException("Concern", concernId);
        row.Categories = (await db.QueryAsync<string>(SelectCategories, new { ConcernId = concernId }, tx)).ToList();
        return row;
    }

    public async Task<string> PersonOfAsync(DbConnection db, DbTransaction tx, string concernId) =>
        await db.QuerySingleOrDefaultAsync<string?>(SelectPerson, new { ConcernId = concernId }, tx)
        ?? throw new NotFoundException("Concern", concernId);

    /// <summary>A person's concerns, newest first (one statement per concern for its categories: a person has few).</summary>
    public async Task<IReadOnlyList<ConcernRow>> ListAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var rows = (await db.QueryAsync<ConcernRow>(SelectByPerson, new { PersonId = personId }, tx)).ToList();
        foreach (var row in rows)
        {
            row.Categories = (await db.QueryAsync<string>(SelectCategories, new { row.ConcernId }, tx)).ToList();
        }
        return rows;
    }

    public async Task<IReadOnlyList<StageChangeRow>> StageChangesAsync(DbConnection db, DbTransaction tx, string concernId) =>
        (await db.QueryAsync<StageChangeRow>(SelectStageChanges, new { ConcernId = concernId }, tx)).ToList();

    /// <summary>Writes the changed concern if it is still at <paramref name="expectedVersion"/>; ABORTED otherwise.</summary>
    public async Task UpdateAsync(DbConnection db, DbTransaction tx, ConcernRow row, long expectedVersion, StageChangeRow? change = null)
    {
        if (row.Version != expectedVersion)
        {
            throw new StaleVersionException("Concern", row.ConcernId, expectedVersion, row.Version);
        }
        var updated = await db.ExecuteAsync(Update, row, tx);
        if (updated == 0)
        {
            throw new StaleVersionException("Concern", row.ConcernId, expectedVersion, row.Version + 1);
        }
        row.Version++;
        if (change is not null)
        {
            change.Version = row.Version;
            await db.ExecuteAsync(InsertStageChange, change, tx);
        }
    }
}
