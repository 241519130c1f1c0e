using System.Data.Common;
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

    internal const string Insert =
        """
        INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at)
        VALUES (@MessageId, @MessageType, @Payload, @OccurredAt)
        """;

    public static Task EnqueueAsync(DbConnection db, DbTransaction tx, IntegrationEvent message)
    {
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
}
