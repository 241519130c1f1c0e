namespace Platform.BuildingBlocks.Audit;

/// <summary>One access to personal data: who, what, when, on what basis and why.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Role,
    string Agency,
    string Action,
    string? PersonId,
    string Basis,
    string? Reason)
{
    /// <summary>The width of the audit trail's reason column.</summary>
    public const int MaximumReasonLength = 1000;
}
