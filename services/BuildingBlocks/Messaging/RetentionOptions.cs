namespace Platform.BuildingBlocks.Messaging;

/// <summary>The <c>Messaging:Retention</c> configuration section: how long delivered messages are kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Messaging:Retention";

    /// <summary>Sent outbox rows older than this (by when they were sent) are purged. Unsent and parked rows never are.</summary>
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Inbox rows older than this are purged. It must outlast any redelivery of the same message: a
    /// message moved back from an _error queue after this long would be applied again.
    /// </summary>
    public TimeSpan ProcessedInbox { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge runs; zero or less: never.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a purge never holds the write lock for long.</summary>
    public int BatchSize { get; set; } = 1000;
}
