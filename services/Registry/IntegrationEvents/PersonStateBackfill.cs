using Platform.Registry.Data;

namespace Platform.Registry.IntegrationEvents;

/// <summary>
/// Publishes once the state of every record that has never been published as a snapshot: the
/// records that existed before the registry published snapshots (migration 005 marks them). Until a
/// record's snapshot arrives, another service keeps what it had built from the earlier events; the
/// snapshot then replaces it whole. A batch is one transaction, so a restart resumes where it stopped.
/// </summary>
public sealed class PersonStateBackfill(RegistryDatabase database, PersonStateStore store, PersonStatePublisher publisher,
    ILogger<PersonStateBackfill> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var published = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var count = await database.InTransactionAsync(async (db, tx) =>
            {
                var ids = await store.UnpublishedAsync(db, tx, database.Dialect, Batch);
                await publisher.AddressesChangedAsync(db, tx, ids);
                return ids.Count;
            }, stoppingToken);
            published += count;
            if (count < Batch)
            {
                break;
            }
        }
        if (published > 0)
        {
            logger.LogInformation("Published the state of {Count} person records that had never been published", published);
        }
    }
}
