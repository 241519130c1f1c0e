using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Data;

/// <summary>Incidents, DASH assessments (each superseding the last) and MARAC referrals.</summary>
public sealed class DomesticAbuseStore
{
    internal const string InsertIncident =
        """
        INSERT INTO incidents (incident_id, person_id, occurred_at, reporting_agency, description, alleged_perpetrator_id,
            categories, repeat_after_marac, recorded_at, recorded_by)
        VALUES (@IncidentId, @PersonId, @OccurredAt, @ReportingAgency, @Description, @AllegedPerpetratorId,
            @Categories, @RepeatAfterMarac, @RecordedAt, @RecordedBy)
        """;

    internal const string SelectIncidents = "SELECT * FROM incidents WHERE person_id = @PersonId ORDER BY occurred_at DESC, incident_id";

    internal const string SelectIncidentPerson = "SELECT person_id FROM incidents WHERE incident_id = @IncidentId";

    internal const string InsertAssessment =
        """
        INSERT INTO dash_assessments (assessment_id, person_id, agency, assessed_by, assessed_at, checklist_version, responses,
            score, scored_level, judgement_level, judgement_reason, level, marac_criteria, marac_reasons, named_agencies, incident_id,
            superseded_by_assessment_id, recorded_at)
        VALUES (@AssessmentId, @PersonId, @Agency, @AssessedBy, @AssessedAt, @ChecklistVersion, @Responses,
            @Score, @ScoredLevel, @JudgementLevel, @JudgementReason, @Level, @MaracCriteria, @MaracReasons, @NamedAgencies, @IncidentId,
            NULL, @RecordedAt)
        """;

    /// <summary>The assessment that stands: the one no later assessment superseded.</summary>
    internal const string SelectCurrentAssessment =
        "SELECT * FROM dash_assessments WHERE person_id = @PersonId AND superseded_by_assessment_id IS NULL";

    internal const string MarkSuperseded =
        """
        UPDATE dash_assessments SET superseded_by_assessment_id = @NewAssessmentId
        WHERE assessment_id = @AssessmentId AND superseded_by_assessment_id IS NULL
        """;

    internal const string SelectAssessments =
        "SELECT * FROM dash_assessments WHERE person_id = @PersonId ORDER BY recorded_at DESC, assessment_id";

    internal const string SelectAssessmentPerson = "SELECT person_id FROM dash_assessments WHERE assessment_id = @AssessmentId";

    internal const string InsertMaracReferral =
        """
        INSERT INTO marac_referrals (marac_referral_id, person_id, referring_agency, area, criterion, assessment_id,
            referred_at, referred_by, meeting_at, meeting_note, version)
        VALUES (@MaracReferralId, @PersonId, @ReferringAgency, @Area, @Criterion, @AssessmentId,
            @ReferredAt, @ReferredBy, NULL, NULL, 1)
        """;

    internal const string SelectMaracById = "SELECT * FROM marac_referrals WHERE marac_referral_id = @MaracReferralId";

    internal const string SelectMaracByPerson =
        "SELECT * FROM marac_referrals WHERE person_id = @PersonId ORDER BY referred_at DESC, marac_referral_id";

    /// <summary>Newest first; a person has few. (MAX() would hand the instant handler a NULL when there are none.)</summary>
    internal const string SelectMaracReferralTimes =
        "SELECT referred_at FROM marac_referrals WHERE person_id = @PersonId ORDER BY referred_at DESC";

    internal const string UpdateMeeting =
        """
        UPDATE marac_referrals SET meeting_at = @MeetingAt, meeting_note = @MeetingNote, version = version + 1
        WHERE marac_referral_id = @MaracReferralId AND version = @Version
        """;

    public Task InsertIncidentAsync(DbConnection db, DbTransaction tx, IncidentRow row) => db.ExecuteAsync(InsertIncident, row, tx);

    public async Task<IReadOnlyList<IncidentRow>> IncidentsAsync(DbConnection db, DbTransaction tx, string personId) =>
        (await db.QueryAsync<IncidentRow>(SelectIncidents, new { PersonId = personId }, tx)).ToList();

    public Task<string?> PersonOfIncidentAsync(DbConnection db, DbTransaction tx, string incidentId) =>
        db.QuerySingleOrDefaultAsync<string?>(SelectIncidentPerson, new { IncidentId = incidentId }, tx);

    public Task<DashAssessmentRow?> CurrentAssessmentAsync(DbConnection db, DbTransaction tx, string personId) =>
        db.QuerySingleOrDefaultAsync<DashAssessmentRow?>(SelectCurrentAssessment, new { PersonId = personId }, tx);

    /// <summary>Stores the new assessment and marks the one it supersedes (kept, never deleted).</summary>
    public async Task InsertAssessmentAsync(DbConnection db, DbTransaction tx, DashAssessmentRow row, DashAssessmentRow? supersedes)
    {
        await db.ExecuteAsync(InsertAssessment, row, tx);
        if (supersedes is not null
            && await db.ExecuteAsync(MarkSuperseded, new { supersedes.AssessmentId, NewAssessmentId = row.AssessmentId }, tx) == 0)
        {
            throw new PreconditionFailedException("Another assessment of this person was recorded at the same time: read her risk again.");
        }
    }

    /// <summary>
    /// Newest first, by the chain of supersession (the current one, then the one it superseded, …):
    /// two assessments recorded in the same instant still come back in the order they were recorded.
    /// </summary>
    public async Task<IReadOnlyList<DashAssessmentRow>> AssessmentsAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var rows = (await db.QueryAsync<DashAssessmentRow>(SelectAssessments, new { PersonId = personId }, tx)).ToList();
        var bySuccessor = rows.Where(r => r.SupersededByAssessmentId is not null)
            .ToDictionary(r => r.SupersededByAssessmentId!, StringComparer.Ordinal);
        var chain = new List<DashAssessmentRow>(rows.Count);
        for (var row = rows.FirstOrDefault(r => r.SupersededByAssessmentId is null); row is not null;
             row = bySuccessor.GetValueOrDefault(row.AssessmentId))
        {
            chain.Add(row);
        }
        return chain;
    }

    public Task<string?> PersonOfAssessmentAsync(DbConnection db, DbTransaction tx, string assessmentId) =>
        db.QuerySingleOrDefaultAsync<string?>(SelectAssessmentPerson, new { AssessmentId = assessmentId }, tx);

    public Task InsertMaracReferralAsync(DbConnection db, DbTransaction tx, MaracReferralRow row) => db.ExecuteAsync(InsertMaracReferral, row, tx);

    public async Task<MaracReferralRow> MaracReferralAsync(DbConnection db, DbTransaction tx, string id) =>
        await db.QuerySingleOrDefaultAsync<MaracReferralRow>(SelectMaracById, new { MaracReferralId = id }, tx)
        ?? throw new NotFoundException("MARAC referral", id);

    public async Task<IReadOnlyList<MaracReferralRow>> MaracReferralsAsync(DbConnection db, DbTransaction tx, string personId) =>
        (await db.QueryAsync<MaracReferralRow>(SelectMaracByPerson, new { PersonId = personId }, tx)).ToList();

    public async Task<DateTimeOffset?> LastMaracReferralAsync(DbConnection db, DbTransaction tx, string personId) =>
        (await db.QueryAsync<DateTimeOffset>(SelectMaracReferralTimes, new { PersonId = personId }, tx))
            .Select(at => (DateTimeOffset?)at).FirstOrDefault();

    public async Task RecordMeetingAsync(DbConnection db, DbTransaction tx, MaracReferralRow row, long expectedVersion)
    {
        if (row.Version != expectedVersion || await db.ExecuteAsync(UpdateMeeting, row, tx) == 0)
        {
            throw new StaleVersionException("MARAC referral", row.MaracReferralId, expectedVersion, row.Version);
        }
        row.Version++;
    }
}
