namespace Platform.BuildingBlocks.Messaging;

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// Put before every queue name and every message type's exchange name, so that several copies of
    /// the platform can share one broker without taking or receiving each other's messages (test runs,
    /// developers on a shared broker); copies with the same prefix exchange events. Their queues
    /// are then temporary, deleted when the copy stops, unless they are quorum queues (which cannot
    /// be). Empty in a real deployment.
    /// </summary>
    public string QueuePrefix { get; set; } = "";

    internal bool HasTemporaryQueues => QueuePrefix.Length > 0 && !RabbitMq.QuorumQueues;
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Quorum queues in production: replicated, with a delivery limit and a dead-letter target.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>RabbitMQ 4 defaults quorum queues to 20; set explicitly so the limit is ours.</summary>
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>
    /// Messages each endpoint holds and handles at once. Consumers are idempotent and order-tolerant, and
    /// on SQLite the transactions of messages handled together commit together in the database's writer
    /// (one fsync), so the rate follows the messages in hand; MassTransit's default is two per core.
    /// </summary>
    public int PrefetchCount { get; set; } = 32;
}
