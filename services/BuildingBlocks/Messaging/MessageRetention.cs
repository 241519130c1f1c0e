using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Purges sent outbox rows and processed inbox rows older than their retention
/// (<see cref="RetentionOptions"/>), in batches, by the database's clock.
/// </summary>
public sealed class MessageRetention<TDatabase>(TDatabase database, IOptions<RetentionOptions> options, ILogger<MessageRetention<TDatabase>> logger)
    : BackgroundService where TDatabase : ServiceDatabase
{
    /// <summary>One batch of the oldest sent rows past their retention (@Age: minus the retention, in ms).</summary>
    internal static string PurgeSentOutbox(SqlDialect dialect) =>
        $"""
        DELETE FROM outbox_messages WHERE seq IN (
            SELECT seq FROM outbox_messages WHERE sent_at IS NOT NULL AND sent_at < {dialect.NowPlus("@Age")}
            ORDER BY seq {dialect.Page("@Take")})
        """;

    /// <summary>
    /// One batch of the oldest inbox rows past their retention: those up to the @Take-th oldest time
    /// (a few more when several share it). The inbox has no single-column key to pick rows by.
    /// </summary>
    internal static string PurgeProcessedInbox(SqlDialect dialect) =>
        $"""
        DELETE FROM inbox_messages WHERE processed_at < {dialect.NowPlus("@Age")} AND processed_at <= (
            SELECT MAX(processed_at) FROM (
                SELECT processed_at FROM inbox_messages WHERE processed_at < {dialect.NowPlus("@Age")}
                ORDER BY processed_at {dialect.Page("@Take")}) oldest)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var (outbox, inbox) = await PurgeAsync(stoppingToken);
                if (outbox + inbox > 0)
                {
                    logger.LogInformation("Purged {Outbox} sent outbox rows and {Inbox} inbox rows of {Service}", outbox, inbox, database.Service);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Purging delivered messages of {Service} failed; the next run retries", database.Service);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Purges everything past its retention, batch by batch; returns the rows deleted from each table.</summary>
    public async Task<(int Outbox, int Inbox)> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var outbox = await PurgeAsync(PurgeSentOutbox(database.Dialect), settings.SentOutbox, cancellationToken);
        var inbox = await PurgeAsync(PurgeProcessedInbox(database.Dialect), settings.ProcessedInbox, cancellationToken);
        return (outbox, inbox);
    }

    private async Task<int> PurgeAsync(string statement, TimeSpan retention, CancellationToken cancellationToken)
    {
        var take = Math.Max(1, options.Value.BatchSize);
        var total = 0;
        while (true)
        {
            await using var db = await database.OpenAsync(cancellationToken);
            var deleted = await db.ExecuteAsync(new CommandDefinition(statement,
                new { Age = -(long)retention.TotalMilliseconds, Take = take }, cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < take)
            {
                return total;
            }
        }
    }
}
