using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>A parked outbox row as an admin sees it: what it is and why it stopped, never its payload.</summary>
public sealed class ParkedMessage
{
    public long Seq { get; set; }
    public string MessageId { get; set; } = "";
    public string MessageType { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset ParkedAt { get; set; }
}

/// <summary>One service's parked outbox rows: listed, and put back in line.</summary>
public interface IOutboxAdministration
{
    /// <summary>The service's name in lower case, as callers name it (<c>registry</c>).</summary>
    string Service { get; }

    Task<IReadOnlyList<ParkedMessage>> ListParkedAsync(long after, int take, CancellationToken cancellationToken);

    /// <summary>False when no parked row has that id (never written, already re-queued, or sent).</summary>
    Task<bool> RequeueAsync(string messageId, CancellationToken cancellationToken);
}

internal sealed class OutboxAdministration<TDatabase>(TDatabase database) : IOutboxAdministration where TDatabase : ServiceDatabase
{
    public string Service => database.Service.ToLowerInvariant();

    public async Task<IReadOnlyList<ParkedMessage>> ListParkedAsync(long after, int take, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<ParkedMessage>(new CommandDefinition(
            OutboxStatements.ListParked(database.Dialect), new { After = after, Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<bool> RequeueAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var requeued = await db.ExecuteAsync(new CommandDefinition(
            OutboxStatements.Requeue, new { MessageId = messageId }, cancellationToken: cancellationToken));
        if (requeued > 0)
        {
            database.OutboxSignal.Notify();
        }
        return requeued > 0;
    }
}
