namespace Platform.BuildingBlocks.Messaging;

/// <summary>The <c>Messaging:Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Attempts after which a row whose own fault it is (unreadable, or its consumers fail) is parked.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dispatcher holds the rows it took; another replica takes them over after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a publish may wait for the broker's confirmation. A connection lost between the
    /// publish and its confirm can leave the call waiting for ever, holding back every later row of
    /// the service; after this it counts as a transport failure and the row goes out again.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Rows of a batch in delivery at once, started oldest first. A publish waits a round trip for the
    /// broker's confirm (and, in one process, for the consumers' commits): one at a time, that round trip
    /// and not the machine sets the rate. Consumers are order-tolerant, so rows overtaking each other is safe.
    /// </summary>
    public int DeliveriesInFlight { get; set; } = 64;

    /// <summary>Readiness is Degraded when the oldest unsent row is older than this, or any row is parked.</summary>
    public TimeSpan LagDegraded { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Readiness is Unhealthy (503) when the oldest unsent row is older than this.</summary>
    public TimeSpan LagUnhealthy { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
