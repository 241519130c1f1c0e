namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>One row of outbox_messages as the tests inspect it.</summary>
public sealed class OutboxRow
{
    public const string SelectAll =
        "SELECT seq, message_id, message_type, payload, sent_at, attempts, last_error, lease_owner, lease_until, next_attempt_at, parked_at, enqueued_at FROM outbox_messages ORDER BY seq";

    public long Seq { get; set; }
    public string MessageId { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ParkedAt { get; set; }
    public DateTimeOffset? EnqueuedAt { get; set; }

    public static async Task<IReadOnlyList<OutboxRow>> AllAsync(TempSqlite file) =>
        await file.QueryAsync<OutboxRow>(SelectAll);
}
