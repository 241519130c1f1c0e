using System.Data.Common;
using Dapper;
using MassTransit;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Base for every consumer: records the message id in the inbox in the same transaction as the
/// consumer's own changes, so a redelivered message has no second effect. A failure rolls both back
/// and lets the bus retry, then move the message to the _error queue.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDatabase>(TDatabase database) : IConsumer<TMessage>
    where TMessage : class
    where TDatabase : ServiceDatabase
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without a MessageId cannot be applied exactly once.");
        var consumer = StableName(GetType());
        await database.InTransactionAsync(async (db, tx) =>
        {
            var first = await db.ExecuteAsync(Inbox.RecordFirstDelivery,
                new { MessageId = messageId.ToString(), Consumer = consumer, Now = DateTimeOffset.UtcNow }, tx);
            if (first == 1)
            {
                await HandleAsync(context.Message, db, tx, context.CancellationToken);
            }
        }, context.CancellationToken);
    }

    /// <summary>
    /// The inbox key of a consumer: its type's name without assembly versions (a generic type's
    /// FullName carries them), so an upgrade does not make old messages look new.
    /// </summary>
    internal static string StableName(Type type) => type.IsGenericType
        ? $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", type.GetGenericArguments().Select(StableName))}]"
        : type.FullName!;

    protected abstract Task HandleAsync(TMessage message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken);
}
