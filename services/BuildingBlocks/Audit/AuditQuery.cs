using System.Globalization;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// What an auditor asks of the trail: entries about a person, by a user (subject) or by an agency,
/// in the period [From, Until). Null filters are not applied; at least one is set.
/// </summary>
public sealed record AuditQuery(string? PersonId, string? Subject, string? Agency, DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>
    /// The filter as text, for the audit entry that records the read and for the page token's
    /// fingerprint. Instants as UTC ticks, so equal queries describe themselves identically.
    /// </summary>
    public string Describe() => string.Join("; ", new[]
    {
        PersonId is null ? null : $"person={PersonId}",
        Subject is null ? null : $"subject={Subject}",
        Agency is null ? null : $"agency={Agency}",
        $"from={From.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}",
        $"until={Until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}",
    }.OfType<string>());
}

/// <summary>Where a reader stands in one service's trail: the last entry read.</summary>
public readonly record struct AuditPosition(DateTimeOffset At, long Sequence);

/// <summary>One entry of one service's trail, with its sequence number there.</summary>
public sealed record AuditRecord(long Sequence, AuditEntry Entry)
{
    public AuditPosition Position => new(Entry.At, Sequence);
}
