namespace Platform.Registry.Data;

/// <summary>
/// Files under their date of birth the names of records registered before the registry kept such keys
/// (migration 007 marks them; <see cref="PersonStore.FileBirthKeysAsync"/>). A batch is one
/// transaction, so a restart resumes where it stopped; a failure is retried, never fatal to the host.
/// Until a record is filed it is found by its other keys, as before.
/// </summary>
public sealed class NameBirthKeyBackfill(RegistryDatabase database, PersonStore people, TimeProvider clock,
    ILogger<NameBirthKeyBackfill> logger) : BackgroundService
{
    /// <summary>Small: each batch holds the database's one writer while it runs, and registrations queue behind it.</summary>
    private const int Batch = 100;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var filed = await FileAllAsync(stoppingToken);
                if (filed > 0)
                {
                    logger.LogInformation("Filed the names of {Count} person records under their date of birth", filed);
                }
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Filing person records' names under their date of birth failed; retrying in {Delay}", RetryAfter);
                await Task.Delay(RetryAfter, clock, stoppingToken);
            }
        }
    }

    /// <summary>Every marked record, a batch per transaction; how many were filed.</summary>
    public async Task<int> FileAllAsync(CancellationToken cancellationToken)
    {
        var filed = 0;
        int count;
        do
        {
            count = await database.InTransactionAsync((db, tx) => people.FileBirthKeysAsync(db, tx, Batch), cancellationToken);
            filed += count;
        }
        while (count == Batch && !cancellationToken.IsCancellationRequested);
        return filed;
    }
}
