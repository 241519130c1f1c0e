using MassTransit;

namespace Platform.BuildingBlocks.Messaging;

internal static class RabbitMqTopology
{
    public static void Configure(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions options)
    {
        cfg.Host(options.Host, options.Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
            host.PublisherConfirmation = true;
        });
        cfg.UseMessageRetry(RetryPolicy.Configure);
        cfg.ConfigureEndpoints(context);
    }

    /// <summary>
    /// Quorum queues in production. A message redelivered past the delivery limit (a consumer that
    /// crashes the process) is dead-lettered to the endpoint's _error exchange, where failed
    /// messages already go, instead of being dropped by the broker.
    /// </summary>
    public static void ConfigureQuorumQueue(string queueName, IReceiveEndpointConfigurator endpoint, RabbitMqOptions options)
    {
        if (!options.QuorumQueues || endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return;
        }
        rabbit.SetQuorumQueue();
        rabbit.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
        rabbit.SetQueueArgument("x-dead-letter-exchange", queueName + "_error");
    }
}
