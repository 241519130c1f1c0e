namespace Platform.BuildingBlocks.Messaging;

internal static class Inbox
{
    /// <summary>Inserts the message id unless this consumer has applied it before: one row means "first time".</summary>
    internal const string RecordFirstDelivery =
        """
        INSERT INTO inbox_messages (message_id, consumer, processed_at)
        SELECT @MessageId, @Consumer, @Now
        WHERE NOT EXISTS (SELECT 1 FROM inbox_messages WHERE message_id = @MessageId AND consumer = @Consumer)
        """;
}
