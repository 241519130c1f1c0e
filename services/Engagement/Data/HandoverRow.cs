namespace Platform.Engagement.Data;

public sealed class HandoverRow
{
    public string HandoverId { get; set; } = "";
    public string PersonId { get; set; } = "";
    /// <summary>Null when she left a confidential address.</summary>
    public string? FromLocalAuthority { get; set; }
    /// <summary>Null for a move to a confidential address: that handover is addressed to agencies (handover_recipients).</summary>
    public string? ToLocalAuthority { get; set; }
    public DateTimeOffset MovedAt { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Comma-separated agency names.</summary>
    public string SendingAgencies { get; set; } = "";
    public string RiskLevel { get; set; } = "";
    public bool AddressConfidential { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedByAgency { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }
    public long Version { get; set; }

    public IReadOnlyList<string> SendingAgencyList => SendingAgencies.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
