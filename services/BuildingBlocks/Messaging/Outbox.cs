using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Platform.BuildingBlocks.Data;
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

    public static Task EnqueueAsync(DbConnection db, DbTransaction tx, IntegrationEvent message) =>
        EnqueueAsync(db, tx, [Prepare(message)]);

    /// <summary>Many events at once (a bulk import), in the order given.</summary>
    public static Task EnqueueAsync(DbConnection db, DbTransaction tx, IEnumerable<IntegrationEvent> messages) =>
        EnqueueAsync(db, tx, messages.Select(Prepare));

    /// <summary>Events prepared before the transaction (<see cref="Prepare"/>), in the order given.</summary>
    public static Task EnqueueAsync(DbConnection db, DbTransaction tx, IEnumerable<OutboxMessage> messages)
    {
        Written.AddOrUpdate(tx, Marker);
        return BulkInsert.ExecuteAsync(db, tx, OutboxStatements.Insert(SqlDialect.Of(db)), messages);
    }

    /// <summary>
    /// The row an event becomes, serialised now: a caller whose transaction runs in a database's one
    /// writer prepares it beforehand, so the serialising is not paid for while every other write waits.
    /// Time-ordered ids: the outbox grows at its end instead of splitting index pages at random.
    /// </summary>
    public static OutboxMessage Prepare(IntegrationEvent message)
    {
        var type = message.GetType();
        return new OutboxMessage(Guid.CreateVersion7().ToString(), OutboxMessageTypes.NameOf(type), JsonSerializer.Serialize(message, type, Json), message.OccurredAt);
    }

    /// <summary>True when <paramref name="tx"/> wrote an outbox row.</summary>
    internal static bool WroteIn(DbTransaction tx) => Written.TryGetValue(tx, out _);
}

/// <summary>An integration event as its outbox row will hold it (<see cref="Outbox.Prepare"/>).</summary>
public sealed record OutboxMessage(string MessageId, string MessageType, string Payload, DateTimeOffset OccurredAt);
