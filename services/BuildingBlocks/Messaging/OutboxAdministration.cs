using Dapper;
using Platform.BuildingBlocks.Audit;
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

    /// <summary>Parked rows after the one numbered <paramref name="after"/>; the read is audited with <paramref name="audit"/>, if given.</summary>
    Task<IReadOnlyList<ParkedMessage>> ListParkedAsync(long after, int take, CancellationToken cancellationToken, AuditEntry? audit = null);

    /// <summary>
    /// The row as it was parked, now back in line; null when no parked row has that id (never written,
    /// already re-queued, or sent). Audited with <paramref name="audit"/>, if given, either way.
    /// </summary>
    Task<ParkedMessage?> RequeueAsync(string messageId, CancellationToken cancellationToken, AuditEntry? audit = null);
}

internal sealed class OutboxAdministration<TDatabase>(TDatabase database) : IOutboxAdministration where TDatabase : ServiceDatabase
{
    public string Service => database.Service.ToLowerInvariant();

    public Task<IReadOnlyList<ParkedMessage>> ListParkedAsync(long after, int take, CancellationToken cancellationToken, AuditEntry? audit = null) =>
        database.InTransactionAsync(async (db, tx) =>
        {
            var rows = await db.QueryAsync<ParkedMessage>(new CommandDefinition(
                OutboxStatements.ListParked(database.Dialect), new { After = after, Take = take }, tx, cancellationToken: cancellationToken));
            if (audit is not null)
            {
                await AuditLog.WriteAsync(db, tx, audit);
            }
            return (IReadOnlyList<ParkedMessage>)rows.AsList();
        }, cancellationToken);

    public async Task<ParkedMessage?> RequeueAsync(string messageId, CancellationToken cancellationToken, AuditEntry? audit = null)
    {
        var parked = await database.InTransactionAsync(async (db, tx) =>
        {
            var row = await db.QuerySingleOrDefaultAsync<ParkedMessage>(new CommandDefinition(
                OutboxStatements.SelectParked, new { MessageId = messageId }, tx, cancellationToken: cancellationToken));
            if (row is not null)
            {
                await db.ExecuteAsync(new CommandDefinition(OutboxStatements.Requeue, new { MessageId = messageId }, tx, cancellationToken: cancellationToken));
            }
            if (audit is not null)
            {
                await AuditLog.WriteAsync(db, tx, audit);
            }
            return row;
        }, cancellationToken);
        if (parked is not null)
        {
            database.OutboxSignal.Notify();
        }
        return parked;
    }
}
