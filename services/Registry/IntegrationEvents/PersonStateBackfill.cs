using Platform.Registry.Data;

namespace Platform.Registry.IntegrationEvents;

/// <summary>
/// Publishes once the state of every record that has never been published as a snapshot: the
/// records that existed before the registry published snapshots (migration 005 marks them), or any
/// marked again to be re-published. Until a record's snapshot arrives, another service keeps what it
/// had built from the earlier events; the snapshot then replaces it whole. A batch is one
/// transaction, so a restart resumes where it stopped; a failure is retried, never fatal to the host.
/// </summary>
public sealed class PersonStateBackfill(RegistryDatabase database, PersonStateStore store, PersonStatePublisher publisher,
    TimeProvider clock, ILogger<PersonStateBackfill> logger) : BackgroundService
{
    private const int Batch = 200;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishAllAsync(stoppingToken);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Publishing the state of unpublished person records failed; retrying in {Delay}", RetryAfter);
                await Task.Delay(RetryAfter, clock, stoppingToken);
            }
        }
    }

    private async Task PublishAllAsync(CancellationToken stoppingToken)
    {
        var published = 0;
        int count;
        do
        {
            count = await database.InTransactionAsync(async (db, tx) =>
            {
                var ids = await store.UnpublishedAsync(db, tx, database.Dialect, Batch);
                await publisher.AddressesChangedAsync(db, tx, ids);
                return ids.Count;
            }, stoppingToken);
            published += count;
        }
        while (count == Batch && !stoppingToken.IsCancellationRequested);
        if (published > 0)
        {
            logger.LogInformation("Published the state of {Count} person records that had never been published", published);
        }
    }
}
