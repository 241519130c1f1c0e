using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Data;

/// <summary>Capacity assessments; a later assessment of the same decision supersedes the earlier, which is kept.</summary>
public sealed class CapacityStore
{
    internal const string Insert =
        """
        INSERT INTO capacity_assessments (assessment_id, person_id, decision, decision_key, assessed_at, agency, assessed_by,
            impairment, impairment_reason, understands, retains, uses_or_weighs, communicates, functional_reason, outcome,
            best_interests_decision, consulted, executive_function_concern, executive_function_note, support_given,
            superseded_by_assessment_id, recorded_at)
        VALUES (@AssessmentId, @PersonId, @Decision, @DecisionKey, @AssessedAt, @Agency, @AssessedBy,
            @Impairment, @ImpairmentReason, @Understands, @Retains, @UsesOrWeighs, @Communicates, @FunctionalReason, @Outcome,
            @BestInterestsDecision, @Consulted, @ExecutiveFunctionConcern, @ExecutiveFunctionNote, @SupportGiven,
            @SupersededByAssessmentId, @RecordedAt)
        """;

    /// <summary>The assessments of one decision, latest first: the first is the one that stands.</summary>
    internal const string SelectOfDecision =
        """
        SELECT * FROM capacity_assessments
        WHERE person_id = @PersonId AND decision_key = @DecisionKey ORDER BY assessed_at DESC, recorded_at DESC
        """;

    internal const string MarkSuperseded =
        """
        UPDATE capacity_assessments SET superseded_by_assessment_id = @NewAssessmentId
        WHERE assessment_id = @AssessmentId AND superseded_by_assessment_id IS NULL
        """;

    internal const string SelectByPerson =
        "SELECT * FROM capacity_assessments WHERE person_id = @PersonId ORDER BY assessed_at DESC, recorded_at DESC, assessment_id";

    /// <summary>
    /// Stores the assessment. The later in time stands: a new assessment supersedes the one that stood
    /// for the same decision, and one recorded afterwards about an earlier moment is kept as already
    /// superseded by the next assessment after it (a person has few of one decision).
    /// </summary>
    public async Task InsertAsync(DbConnection db, DbTransaction tx, CapacityAssessmentRow row)
    {
        var earlier = (await db.QueryAsync<CapacityAssessmentRow>(SelectOfDecision, new { row.PersonId, row.DecisionKey }, tx)).ToList();
        if (earlier.LastOrDefault(a => a.AssessedAt > row.AssessedAt) is { } next)
        {
            row.SupersededByAssessmentId = next.AssessmentId;
            await db.ExecuteAsync(Insert, row, tx);
            return;
        }
        var current = earlier.FirstOrDefault(a => a.SupersededByAssessmentId is null);
        await db.ExecuteAsync(Insert, row, tx);
        if (current is not null
            && await db.ExecuteAsync(MarkSuperseded, new { current.AssessmentId, NewAssessmentId = row.AssessmentId }, tx) == 0)
        {
            throw new PreconditionFailedException("Another assessment of this decision was recorded at the same time: read her assessments again.");
        }
    }

    /// <summary>A person's assessments, newest first.</summary>
    public async Task<IReadOnlyList<CapacityAssessmentRow>> ListAsync(DbConnection db, DbTransaction tx, string personId) =>
        (await db.QueryAsync<CapacityAssessmentRow>(SelectByPerson, new { PersonId = personId }, tx)).ToList();
}
