using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The outbox's statements. Every instant a replica compares with another replica's (leases,
/// backoff, parking, lag) is the database's clock (<see cref="SqlDialect.Now"/>), never a host's.
/// </summary>
internal static class OutboxStatements
{
    public static string Insert(SqlDialect dialect) =>
        $"""
        INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, enqueued_at)
        VALUES (@MessageId, @MessageType, @Payload, @OccurredAt, {dialect.Now})
        """;

    /// <summary>Takes up to @Take rows that may be attempted now: unsent, not parked, past their backoff, not leased.</summary>
    public static string LeaseBatch(SqlDialect dialect)
    {
        var due = $"sent_at IS NULL AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= {dialect.Now})";
        return $"""
        UPDATE outbox_messages SET lease_owner = @Owner, lease_until = {dialect.NowPlus("@LeaseMilliseconds")}
        WHERE seq IN (SELECT seq FROM outbox_messages
                      WHERE {due} AND (lease_until IS NULL OR lease_until < {dialect.Now})
                      ORDER BY seq {dialect.Page("@Take")})
          AND {due} AND (lease_until IS NULL OR lease_until < {dialect.Now})
        """;
    }

    public const string SelectLeased =
        """
        SELECT seq, message_id, message_type, payload, attempts FROM outbox_messages
        WHERE lease_owner = @Owner AND sent_at IS NULL AND parked_at IS NULL ORDER BY seq
        """;

    public static string MarkSent(SqlDialect dialect) =>
        $"UPDATE outbox_messages SET sent_at = {dialect.Now}, lease_owner = NULL, lease_until = NULL WHERE seq IN {dialect.InList("@Seqs", ListItems.Numbers)}";

    /// <summary>Counts the attempt, keeps the error, sets the next attempt's time and, at the limit, parks the row.</summary>
    public static string RecordFailure(SqlDialect dialect) =>
        $"""
        UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error, lease_owner = NULL, lease_until = NULL,
               next_attempt_at = {dialect.NowPlus("@DelayMilliseconds")},
               parked_at = CASE WHEN @Park = 1 THEN {dialect.Now} ELSE NULL END
        WHERE seq = @Seq
        """;

    /// <summary>The lag and the parked rows, read together.</summary>
    public static string Status(SqlDialect dialect) =>
        $"""
        SELECT {dialect.Now} AS now,
               (SELECT COALESCE(enqueued_at, occurred_at) FROM outbox_messages WHERE sent_at IS NULL AND parked_at IS NULL
                ORDER BY seq {dialect.Page("1")}) AS oldest_unsent,
               (SELECT COUNT(*) FROM outbox_messages WHERE parked_at IS NOT NULL) AS parked
        """;

    public static string ListParked(SqlDialect dialect) =>
        $"""
        SELECT seq, message_id, message_type, occurred_at, attempts, last_error, parked_at FROM outbox_messages
        WHERE parked_at IS NOT NULL AND seq > @After ORDER BY seq {dialect.Page("@Take")}
        """;

    public const string SelectParked =
        """
        SELECT seq, message_id, message_type, occurred_at, attempts, last_error, parked_at FROM outbox_messages
        WHERE message_id = @MessageId AND parked_at IS NOT NULL
        """;

    /// <summary>A parked row goes back in line with a fresh count of attempts; its last error stays until it is sent.</summary>
    public const string Requeue =
        """
        UPDATE outbox_messages SET parked_at = NULL, attempts = 0, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL
        WHERE message_id = @MessageId AND parked_at IS NOT NULL
        """;
}
