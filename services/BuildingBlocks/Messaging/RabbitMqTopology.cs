using MassTransit;

namespace Platform.BuildingBlocks.Messaging;

internal static class RabbitMqTopology
{
    public static void Configure(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg, MessagingOptions messaging)
    {
        var options = messaging.RabbitMq;
        if (messaging.QueuePrefix.Length > 0)
        {
            // MassTransit names a message type's exchange after the type, so copies of the platform on
            // one broker would receive each other's events through their own queues: the prefix keeps
            // the exchanges apart too.
            cfg.MessageTopology.SetEntityNameFormatter(
                new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, messaging.QueuePrefix));
        }
        cfg.Host(options.Host, options.Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
            host.PublisherConfirmation = true;
        });
        cfg.PrefetchCount = options.PrefetchCount;
        cfg.UseMessageRetry(RetryPolicy.Configure);
        cfg.ConfigureEndpoints(context);
    }

    /// <summary>
    /// Quorum queues in production. A message redelivered past the delivery limit (a consumer that
    /// crashes the process) is dead-lettered to the endpoint's _error exchange, where failed
    /// messages already go, instead of being dropped by the broker. The exchange and its queue are
    /// declared with the endpoint: MassTransit creates them only when it first moves a failed
    /// message, and RabbitMQ drops a dead letter whose exchange does not exist.
    /// </summary>
    public static void ConfigureQuorumQueue(string queueName, IReceiveEndpointConfigurator endpoint, RabbitMqOptions options)
    {
        if (!options.QuorumQueues || endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return;
        }
        rabbit.SetQuorumQueue();
        rabbit.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
        var error = queueName + "_error";
        rabbit.BindDeadLetterQueue(error, error, queue =>
        {
            // When MassTransit first moves a failed message it declares the error queue with the
            // endpoint's own arguments; declared any other way now, that declaration is refused
            // (PRECONDITION_FAILED) and failed messages could not be moved at all.
            queue.SetQuorumQueue();
            queue.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
            queue.SetQueueArgument("x-dead-letter-exchange", error);
        });
    }
}
