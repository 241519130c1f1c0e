namespace Platform.Engagement.Data;

public sealed class EpisodeRow
{
    public string EpisodeId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string RuleName { get; set; } = "";
    public string Reason { get; set; } = "";
    public string RiskLevel { get; set; } = "";
    public DateTimeOffset DetectedAt { get; set; }
    /// <summary>The last successful contact known when the episode began: a newer one ends it.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }
    public int AttemptsSinceSuccess { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByContactId { get; set; }
}
