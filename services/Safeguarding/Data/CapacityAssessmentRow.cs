namespace Platform.Safeguarding.Data;

/// <summary>A capacity assessment as stored; the outcome as a word, the people consulted as a JSON array.</summary>
public sealed class CapacityAssessmentRow
{
    public string AssessmentId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Decision { get; set; } = "";
    public string DecisionKey { get; set; } = "";
    public DateTimeOffset AssessedAt { get; set; }
    public string Agency { get; set; } = "";
    public string AssessedBy { get; set; } = "";
    public bool Impairment { get; set; }
    public string ImpairmentReason { get; set; } = "";
    public bool Understands { get; set; }
    public bool Retains { get; set; }
    public bool UsesOrWeighs { get; set; }
    public bool Communicates { get; set; }
    public string FunctionalReason { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? BestInterestsDecision { get; set; }
    public string Consulted { get; set; } = "[]";
    public bool ExecutiveFunctionConcern { get; set; }
    public string? ExecutiveFunctionNote { get; set; }
    public string? SupportGiven { get; set; }
    public string? SupersededByAssessmentId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
