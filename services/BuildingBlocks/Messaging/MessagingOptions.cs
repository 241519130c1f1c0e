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
}
