using Microsoft.Extensions.Options;
using Platform.Engagement.Data;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Disengagement;

/// <summary>
/// The scheduled check: time alone makes people disengaged (no contact for 14 or 30 days), so the
/// rule cannot wait for the next contact. Runs on the injected clock, one person per transaction.
/// </summary>
public sealed class DisengagementSweep(
    EngagementDatabase database,
    EngagementStateStore states,
    DisengagementMonitor monitor,
    IOptions<DisengagementOptions> options,
    TimeProvider clock,
    ILogger<DisengagementSweep> logger) : BackgroundService
{
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

    /// <summary>Checks everyone who may have crossed a threshold; returns how many were checked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(Math.Min(options.Value.HighRiskDays, options.Value.StandardDays));
        var candidates = await database.InTransactionAsync(
            (db, tx) => states.CandidatesAsync(db, tx, options.Value.ConsecutiveAttempts, cutoff), cancellationToken);
        foreach (var personId in candidates)
        {
            await database.InTransactionAsync((db, tx) => monitor.EvaluateAsync(db, tx, personId, now), cancellationToken);
        }
        return candidates.Count;
    }
}
