namespace Platform.Safeguarding.Data;

/// <summary>A concern as stored. Enum values are kept as words (<c>EnumWords</c>); lists as JSON arrays.</summary>
public sealed class ConcernRow
{
    public string ConcernId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Agency { get; set; } = "";
    public string Area { get; set; } = "";
    public string Source { get; set; } = "";
    public string RaisedBy { get; set; } = "";
    public string LocationOfRisk { get; set; } = "";
    public string Description { get; set; } = "";
    public bool ImmediateRisk { get; set; }
    public string? ImmediateAction { get; set; }
    public string NamedAgencies { get; set; } = "[]";
    public DateTimeOffset RaisedAt { get; set; }
    public string Stage { get; set; } = "";
    public string? Decision { get; set; }
    public string? DecisionJson { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public bool? DesiredOutcomesAsked { get; set; }
    public string? DesiredOutcomesJson { get; set; }
    public string? ClosureJson { get; set; }
    public string? RiskOutcome { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    /// <summary>When it moved to the enquiry stage: the year the board figures count the enquiry in.</summary>
    public DateTimeOffset? EnquiryStartedAt { get; set; }
    public int? DesiredOutcomesCount { get; set; }
    /// <summary>At closure: her desired outcomes achieved "fully", "partly" or "not" (<c>MakingSafeguardingPersonal.Overall</c>).</summary>
    public string? OutcomesAchieved { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public long Version { get; set; }

    /// <summary>The categories of abuse, from their own table.</summary>
    public List<string> Categories { get; set; } = [];
}

public sealed class StageChangeRow
{
    public string ChangeId { get; set; } = "";
    public string ConcernId { get; set; } = "";
    /// <summary>The concern's version the move made: orders the moves.</summary>
    public long Version { get; set; }
    public string? FromStage { get; set; }
    public string ToStage { get; set; } = "";
    public string Reason { get; set; } = "";
    public string ChangedBy { get; set; } = "";
    public string Agency { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}
