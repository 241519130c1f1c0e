using Platform.Housing.Data;
using Platform.Housing.Domain;

namespace Platform.Housing.Background;

/// <summary>Matching options other than the weights (configuration <c>Housing:Matching</c>).</summary>
public sealed class MatchingOptions
{
    /// <summary>How often the whole index is reloaded, picking up changes other replicas made; 0 never.</summary>
    public int RefreshSeconds { get; set; } = 300;
}

/// <summary>Loads the index before the host serves calls, then reloads it on a schedule.</summary>
public sealed class PlacementIndexRefresher(PlacementIndexLoader loader, MatchingOptions options, TimeProvider clock, ILogger<PlacementIndexRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await loader.LoadAllAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RefreshSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.RefreshSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await loader.LoadAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reloading the placement index failed; the next tick retries");
            }
        }
    }
}

/// <summary>Runs the hold-expiry sweep on a schedule, by the injected clock.</summary>
public sealed class HoldExpirySweeper(HoldExpiry expiry, OfferPolicy policy, TimeProvider clock, ILogger<HoldExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, policy.SweepSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var ended = await expiry.SweepAsync(stoppingToken);
                if (ended > 0)
                {
                    logger.LogInformation("Hold-expiry sweep ended {Count} offers or vacancies", ended);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Hold-expiry sweep failed; the next tick retries");
            }
        }
    }
}
