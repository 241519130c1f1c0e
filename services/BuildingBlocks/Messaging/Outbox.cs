using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Platform.IntegrationEvents;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Writes an integration event into the service's outbox inside the caller's transaction, so the
/// event exists if and only if the state change it reports was committed.
/// </summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Transactions that wrote an outbox row: only their commit needs to wake the dispatcher.</summary>
    private static readonly ConditionalWeakTable<DbTransaction, object> Written = new();

    private static readonly object Marker = new();

    internal const string Insert =
        """
        INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at)
        VALUES (@MessageId, @MessageType, @Payload, @OccurredAt)
        """;

    public static Task EnqueueAsync(DbConnection db, DbTransaction tx, IntegrationEvent message)
    {
        Written.AddOrUpdate(tx, Marker);
        var type = message.GetType();
        return db.ExecuteAsync(Insert,
            new
            {
                MessageId = Guid.NewGuid().ToString(),
                MessageType = type.FullName,
                Payload = JsonSerializer.Serialize(message, type, Json),
                message.OccurredAt,
            },
            tx);
    }

    /// <summary>True when <paramref name="tx"/> wrote an outbox row.</summary>
    internal static bool WroteIn(DbTransaction tx) => Written.TryGetValue(tx, out _);
}
