using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The meter <c>Platform.Outbox</c>, tagged by service: rows sent and failed attempts (counters),
/// rows parked (a counter of parkings and a gauge of rows parked now), and the lag, the age in
/// seconds of the oldest unsent row (a gauge, read by each dispatcher every few seconds).
/// </summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "Platform.Outbox";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _parked;
    private readonly ConcurrentDictionary<string, OutboxStatus> _status = new(StringComparer.Ordinal);

    public OutboxMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("platform.outbox.sent", "{message}", "Outbox rows published and marked sent");
        _failed = _meter.CreateCounter<long>("platform.outbox.failed", "{attempt}", "Failed attempts to publish an outbox row");
        _parked = _meter.CreateCounter<long>("platform.outbox.parked", "{message}", "Outbox rows parked after their last attempt");
        _meter.CreateObservableGauge("platform.outbox.lag", () => Each(status => status.Lag.TotalSeconds), "s",
            "Age of the oldest unsent outbox row");
        _meter.CreateObservableGauge("platform.outbox.parked_rows", () => Each(status => status.Parked), "{message}",
            "Outbox rows parked now, waiting for an admin to re-queue them");
    }

    public void Sent(string service, int count) => _sent.Add(count, Tag(service));

    public void Failed(string service, bool parked)
    {
        _failed.Add(1, Tag(service));
        if (parked)
        {
            _parked.Add(1, Tag(service));
        }
    }

    public void Observe(string service, OutboxStatus status) => _status[service.ToLowerInvariant()] = status;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> Each<T>(Func<OutboxStatus, T> value) where T : struct =>
        _status.Select(entry => new Measurement<T>(value(entry.Value), new KeyValuePair<string, object?>("service", entry.Key)));

    private static KeyValuePair<string, object?> Tag(string service) => new("service", service.ToLowerInvariant());
}
