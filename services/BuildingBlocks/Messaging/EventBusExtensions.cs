using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

public static class EventBusExtensions
{
    /// <summary>Declares a consumer; call before <see cref="AddEventBus"/>.</summary>
    public static IServiceCollection AddConsumer<TConsumer>(this IServiceCollection services, string service, string? endpoint = null)
        where TConsumer : class, IConsumer
    {
        var name = $"{service}-{endpoint ?? KebabCaseEndpointNameFormatter.Instance.Consumer<TConsumer>()}".ToLowerInvariant();
        return services.AddSingleton(new ConsumerRegistration(typeof(TConsumer), name));
    }

    /// <summary>Publishes the service's outbox through the bus.</summary>
    public static IServiceCollection AddOutboxDispatcher<TDatabase>(this IServiceCollection services)
        where TDatabase : ServiceDatabase =>
        services.AddHostedService<OutboxDispatcher<TDatabase>>();

    /// <summary>
    /// Adds MassTransit with every declared consumer: the in-memory transport by default,
    /// RabbitMQ when <c>Messaging:Transport</c> is <c>RabbitMq</c>.
    /// </summary>
    public static WebApplicationBuilder AddEventBus(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventBus(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddEventBus(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var consumers = services
            .Where(descriptor => descriptor.ServiceType == typeof(ConsumerRegistration))
            .Select(descriptor => (ConsumerRegistration)descriptor.ImplementationInstance!)
            .ToList();

        services.AddMassTransit(bus =>
        {
            NoUsageTelemetry.Register(services, bus);
            foreach (var consumer in consumers)
            {
                bus.AddConsumer(consumer.ConsumerType).Endpoint(endpoint =>
                {
                    endpoint.Name = options.QueuePrefix + consumer.EndpointName;
                    endpoint.Temporary = consumer.Temporary || options.HasTemporaryQueues;
                });
            }
            if (options.Transport == MessagingTransport.RabbitMq)
            {
                bus.AddConfigureEndpointsCallback((queueName, endpoint) =>
                    RabbitMqTopology.ConfigureQuorumQueue(queueName, endpoint, options.RabbitMq));
                bus.UsingRabbitMq((context, cfg) => RabbitMqTopology.Configure(context, cfg, options));
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseMessageRetry(RetryPolicy.Configure);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
