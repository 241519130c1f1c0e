namespace Platform.Safeguarding.Data;

public sealed class IncidentRow
{
    public string IncidentId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public string ReportingAgency { get; set; } = "";
    public string Description { get; set; } = "";
    public string? AllegedPerpetratorId { get; set; }
    /// <summary>JSON array of category words.</summary>
    public string Categories { get; set; } = "[]";
    public bool RepeatAfterMarac { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public sealed class DashAssessmentRow
{
    public string AssessmentId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Agency { get; set; } = "";
    public string AssessedBy { get; set; } = "";
    public DateTimeOffset AssessedAt { get; set; }
    public string ChecklistVersion { get; set; } = "";
    /// <summary>JSON object: question id → "yes", "no" or "not-known".</summary>
    public string Responses { get; set; } = "{}";
    public int Score { get; set; }
    public string ScoredLevel { get; set; } = "";
    public string? JudgementLevel { get; set; }
    public string? JudgementReason { get; set; }
    public string Level { get; set; } = "";
    /// <summary>JSON array of criterion words, strongest first; empty when MARAC is not recommended.</summary>
    public string MaracCriteria { get; set; } = "[]";
    /// <summary>JSON array of the plain words for each criterion, in the same order (empty for assessments before migration 004).</summary>
    public string MaracReasons { get; set; } = "[]";
    public string NamedAgencies { get; set; } = "[]";
    public string? IncidentId { get; set; }
    public string? SupersededByAssessmentId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class MaracReferralRow
{
    public string MaracReferralId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string ReferringAgency { get; set; } = "";
    public string Area { get; set; } = "";
    public string Criterion { get; set; } = "";
    public string? AssessmentId { get; set; }
    public DateTimeOffset ReferredAt { get; set; }
    public string ReferredBy { get; set; } = "";
    public DateTimeOffset? MeetingAt { get; set; }
    public string? MeetingNote { get; set; }
    public long Version { get; set; }
}
