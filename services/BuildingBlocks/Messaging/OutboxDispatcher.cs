using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a service's outbox rows in commit order and marks them sent. A row is leased before it
/// is published, so several replicas never send the same row at once; a failed publish keeps the
/// row (and those after it) for the next round, with the error recorded: nothing is dropped.
/// Consumers are idempotent, so a crash between publish and mark costs a duplicate, never a loss.
/// </summary>
public sealed class OutboxDispatcher<TDatabase>(
    TDatabase database,
    IBus bus,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDatabase>> logger) : BackgroundService
    where TDatabase : ServiceDatabase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const int BatchSize = 500;
    private readonly string _owner = Guid.NewGuid().ToString("N");

    internal static string LeaseBatch(SqlDialect dialect) =>
        $"""
        UPDATE outbox_messages SET lease_owner = @Owner, lease_until = @Until
        WHERE seq IN (SELECT seq FROM outbox_messages
                      WHERE sent_at IS NULL AND (lease_until IS NULL OR lease_until < @Now)
                      ORDER BY seq {dialect.Page("@Take")})
          AND sent_at IS NULL AND (lease_until IS NULL OR lease_until < @Now)
        """;

    internal const string SelectLeased =
        """
        SELECT seq, message_id, message_type, payload FROM outbox_messages
        WHERE lease_owner = @Owner AND sent_at IS NULL ORDER BY seq
        """;

    internal static string MarkSent(SqlDialect dialect) =>
        $"UPDATE outbox_messages SET sent_at = @Now, lease_owner = NULL, lease_until = NULL WHERE seq IN {dialect.InList("@Seqs", ListItems.Numbers)}";

    internal const string RecordFailure =
        """
        UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error, lease_owner = NULL, lease_until = NULL
        WHERE seq = @Seq
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox dispatch for {Service} failed; retrying", database.Service);
            }
            if (sent < BatchSize)
            {
                await database.OutboxSignal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Sends one batch; returns how many rows were sent. The rows sent are marked together at the end
    /// (one write, not one per row, so a busy outbox does not hold the database's write lock): a crash
    /// in between sends them again, which the consumers' inboxes absorb.
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var rows = await LeaseAsync(cancellationToken);
        var sent = new List<long>(rows.Count);
        try
        {
            foreach (var row in rows)
            {
                try
                {
                    var message = OutboxMessageTypes.Deserialize(row.MessageType, row.Payload);
                    await bus.Publish(message, message.GetType(),
                        context => context.MessageId = Guid.Parse(row.MessageId), cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await RecordFailureAsync(row.Seq, ex, cancellationToken);
                    logger.LogWarning(ex, "Publishing outbox row {Seq} of {Service} failed", row.Seq, database.Service);
                    break; // keep commit order: later rows wait for this one
                }
                sent.Add(row.Seq);
            }
        }
        finally
        {
            await MarkSentAsync(sent, CancellationToken.None);
        }
        return sent.Count;
    }

    private async Task<IReadOnlyList<OutboxRow>> LeaseAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(LeaseBatch(database.Dialect),
                new { Owner = _owner, Until = now + Lease, Now = now, Take = BatchSize }, tx);
            var rows = await db.QueryAsync<OutboxRow>(SelectLeased, new { Owner = _owner }, tx);
            return (IReadOnlyList<OutboxRow>)rows.AsList();
        }, cancellationToken);
    }

    private async Task MarkSentAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return;
        }
        await using var db = await database.OpenAsync(cancellationToken);
        await db.ExecuteAsync(MarkSent(SqlDialect.Of(db)), new { Now = clock.GetUtcNow(), Seqs = SqlDialect.ListParameter(seqs) });
    }

    private async Task RecordFailureAsync(long seq, Exception error, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        await db.ExecuteAsync(RecordFailure,
            new { Error = error.GetType().Name + ": " + Truncate(error.Message, 1500), Seq = seq });
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class OutboxRow
    {
        public long Seq { get; set; }
        public string MessageId { get; set; } = "";
        public string MessageType { get; set; } = "";
        public string Payload { get; set; } = "";
    }
}
