using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a service's outbox rows, oldest first, and marks them sent. Rows are leased (by the
/// database's clock) before they are published, so several replicas never send one row at once.
/// A row that fails waits (exponential backoff) without holding up the rows after it, and after
/// <see cref="OutboxOptions.MaxAttempts"/> attempts that were its own fault is parked with its error
/// until an admin re-queues it. Nothing is dropped; consumers are idempotent and order-tolerant, so a
/// crash between publish and mark costs a duplicate, and a row sent late changes nothing it should not.
/// </summary>
public sealed class OutboxDispatcher<TDatabase>(
    TDatabase database,
    IOutboxDelivery delivery,
    IOptions<OutboxOptions> options,
    OutboxMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TDatabase>> logger) : BackgroundService
    where TDatabase : ServiceDatabase
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);
    private const int BatchSize = 500;
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _statusReadAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var transportFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = new Round(0, TransportFailed: false);
            try
            {
                round = await DispatchRoundAsync(stoppingToken);
                await ObserveStatusAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox dispatch for {Service} failed; retrying", database.Service);
            }
            transportFailures = round.TransportFailed ? transportFailures + 1 : 0;
            if (transportFailures > 0)
            {
                // The broker is away: wait longer each time rather than hammer it, whatever is committed meanwhile.
                await Task.Delay(_options.RetryDelay(transportFailures), stoppingToken);
            }
            else if (round.Sent < BatchSize)
            {
                await database.OutboxSignal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch; returns how many rows were sent.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken) =>
        (await DispatchRoundAsync(cancellationToken)).Sent;

    /// <summary>
    /// One batch: up to <see cref="OutboxOptions.DeliveriesInFlight"/> rows in delivery at once, started
    /// oldest first. The rows sent are marked together at the end (one write, not one per row): a crash in
    /// between sends them again, which the consumers' inboxes absorb. A transport failure starts no more.
    /// </summary>
    private async Task<Round> DispatchRoundAsync(CancellationToken cancellationToken)
    {
        var rows = await LeaseAsync(cancellationToken);
        var sent = new List<long>(rows.Count);
        var failures = new List<(OutboxRow Row, Exception Error, bool RowsFault)>();
        var transportFailed = false;
        using var window = new SemaphoreSlim(Math.Max(1, _options.DeliveriesInFlight));
        var deliveries = new List<Task>(rows.Count);
        try
        {
            foreach (var row in rows)
            {
                await window.WaitAsync(cancellationToken);
                bool stop;
                lock (sent)
                {
                    stop = transportFailed;
                }
                if (stop)
                {
                    window.Release();
                    break;
                }
                deliveries.Add(DeliverAsync(row));
            }
        }
        finally
        {
            await Task.WhenAll(deliveries);
            await RecordFailuresAsync(failures);
            await MarkSentAsync(sent);
        }
        return new Round(sent.Count, transportFailed);

        async Task DeliverAsync(OutboxRow row)
        {
            try
            {
                var message = OutboxMessageTypes.Deserialize(row.MessageType, row.Payload);
                await delivery.DeliverAsync(message, Guid.Parse(row.MessageId), cancellationToken);
                lock (sent)
                {
                    sent.Add(row.Seq);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var rowsFault = ex is UnreadableOutboxRowException || delivery.FailureIsTheRows;
                lock (sent)
                {
                    failures.Add((row, ex, rowsFault));
                    // The rows after it would meet the same transport: they wait for the next round.
                    transportFailed |= !rowsFault;
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping: the row stays leased and unsent, and goes out after a restart.
            }
            finally
            {
                window.Release();
            }
        }
    }

    private async Task<IReadOnlyList<OutboxRow>> LeaseAsync(CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (db, tx) =>
        {
            await db.ExecuteAsync(OutboxStatements.LeaseBatch(database.Dialect), new
            {
                Owner = _owner,
                LeaseMilliseconds = (long)_options.LeaseDuration.TotalMilliseconds,
                Take = BatchSize,
            }, tx);
            var rows = await db.QueryAsync<OutboxRow>(OutboxStatements.SelectLeased, new { Owner = _owner }, tx);
            return (IReadOnlyList<OutboxRow>)rows.AsList();
        }, cancellationToken);

    private async Task MarkSentAsync(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }
        await database.InTransactionAsync(
            (db, tx) => db.ExecuteAsync(OutboxStatements.MarkSent(database.Dialect), new { Seqs = SqlDialect.ListParameter(seqs) }, tx),
            CancellationToken.None);
        metrics.Sent(database.Service, seqs.Count);
    }

    private async Task RecordFailuresAsync(IReadOnlyList<(OutboxRow Row, Exception Error, bool RowsFault)> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }
        // Decided once, so the row written and the line logged can never disagree about it.
        var outcomes = failures.Select(f => FailureOutcome.Of(f.Row, f.Error, f.RowsFault, _options.MaxAttempts)).ToList();
        await database.InTransactionAsync(async (db, tx) =>
        {
            foreach (var outcome in outcomes)
            {
                await db.ExecuteAsync(OutboxStatements.RecordFailure(database.Dialect), new
                {
                    Error = Describe(outcome.Error),
                    DelayMilliseconds = (long)_options.RetryDelay(outcome.Attempts).TotalMilliseconds,
                    outcome.Park,
                    outcome.Row.Seq,
                }, tx);
            }
        }, CancellationToken.None);
        foreach (var (row, error, attempts, park) in outcomes)
        {
            metrics.Failed(database.Service, parked: park);
            if (park)
            {
                logger.LogError(error, "Outbox row {Seq} ({MessageType}) of {Service} parked after {Attempts} attempts",
                    row.Seq, row.MessageType, database.Service, attempts);
            }
            else
            {
                logger.LogWarning(error, "Outbox row {Seq} ({MessageType}) of {Service} failed (attempt {Attempts}); retrying later",
                    row.Seq, row.MessageType, database.Service, attempts);
            }
        }
    }

    /// <summary>Keeps the lag and parked gauges current, without a status query on every busy round.</summary>
    private async Task ObserveStatusAsync(CancellationToken cancellationToken)
    {
        // Only for spacing the status reads: every instant compared across replicas is the database's.
        var now = clock.GetUtcNow();
        if (now - _statusReadAt < StatusInterval)
        {
            return;
        }
        _statusReadAt = now;
        metrics.Observe(database.Service, await OutboxStatus.ReadAsync(database, cancellationToken));
    }

    /// <summary>What an operator needs to see the cause: the type and message, bounded (no payload is in either).</summary>
    private static string Describe(Exception error)
    {
        var text = error.GetType().Name + ": " + error.Message;
        return text.Length <= 1500 ? text : text[..1500];
    }

    private readonly record struct Round(int Sent, bool TransportFailed);

    /// <summary>One failed delivery: the attempt it was, and whether it parks the row (only a fault of the row's own can).</summary>
    private readonly record struct FailureOutcome(OutboxRow Row, Exception Error, int Attempts, bool Park)
    {
        public static FailureOutcome Of(OutboxRow row, Exception error, bool rowsFault, int maxAttempts)
        {
            var attempts = row.Attempts + 1;
            return new FailureOutcome(row, error, attempts, rowsFault && attempts >= maxAttempts);
        }
    }

    private sealed class OutboxRow
    {
        public long Seq { get; set; }
        public string MessageId { get; set; } = "";
        public string MessageType { get; set; } = "";
        public string Payload { get; set; } = "";
        public int Attempts { get; set; }
    }
}
