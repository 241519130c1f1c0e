using Microsoft.Extensions.Options;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Disengagement;

/// <summary>
/// The scheduled check: time alone makes people disengaged (no contact for 14 or 30 days), so the
/// rule cannot wait for the next contact. Runs on the injected clock.
/// </summary>
public sealed class DisengagementSweep(
    EngagementDatabase database,
    EngagementStateStore states,
    DisengagementMonitor monitor,
    IOptions<DisengagementOptions> options,
    TimeProvider clock,
    ILogger<DisengagementSweep> logger) : BackgroundService
{
    /// <summary>People per transaction: short enough not to hold up workers recording contacts.</summary>
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "The disengagement check failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Checks the people a bulk import left pending, a few hundred per transaction.</summary>
    public async Task CheckPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var checkedPeople = await database.InTransactionAsync(async (db, tx) =>
            {
                var pending = await states.PendingAsync(db, tx, Batch);
                if (pending.Count > 0)
                {
                    await monitor.EvaluateAsync(db, tx, pending.ToDictionary(p => p, _ => (string?)null, StringComparer.Ordinal), now);
                    await states.ClearPendingAsync(db, tx, pending);
                }
                return pending.Count;
            }, cancellationToken);
            if (checkedPeople < Batch)
            {
                return;
            }
        }
    }

    /// <summary>Checks everyone who may have crossed a threshold; returns how many were checked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await CheckPendingAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(Math.Min(options.Value.HighRiskDays, options.Value.StandardDays));
        var candidates = await database.InTransactionAsync(
            (db, tx) => states.CandidatesAsync(db, tx, options.Value.ConsecutiveAttempts, cutoff), cancellationToken);
        foreach (var chunk in candidates.Chunk(Batch))
        {
            var people = chunk.ToDictionary(personId => personId, _ => (string?)null, StringComparer.Ordinal);
            await database.InTransactionAsync((db, tx) => monitor.EvaluateAsync(db, tx, people, now), cancellationToken);
        }
        return candidates.Count;
    }
}
