using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Readiness of a service's outbox: Degraded (still 200) when its oldest unsent row is older than
/// <see cref="OutboxOptions.LagDegraded"/> or any row is parked, Unhealthy (503) past
/// <see cref="OutboxOptions.LagUnhealthy"/>. A parked row alone never takes a host out of service:
/// no other replica would send it either, and the rows after it are flowing.
/// </summary>
internal sealed class OutboxHealthCheck<TDatabase>(TDatabase database, IOptions<OutboxOptions> options, OutboxMetrics metrics)
    : IHealthCheck where TDatabase : ServiceDatabase
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await OutboxStatus.ReadAsync(database, cancellationToken);
        metrics.Observe(database.Service, status);
        var limits = options.Value;
        var data = new Dictionary<string, object>
        {
            ["lagSeconds"] = Math.Round(status.Lag.TotalSeconds, 1),
            ["parked"] = status.Parked,
        };
        var description = $"oldest unsent row {status.Lag.TotalSeconds:0} s old; {status.Parked} parked";
        if (status.Lag > limits.LagUnhealthy)
        {
            return HealthCheckResult.Unhealthy(description, data: data);
        }
        return status.Lag > limits.LagDegraded || status.Parked > 0
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }
}
