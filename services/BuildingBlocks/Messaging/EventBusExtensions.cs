using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Hosting;

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

    /// <summary>
    /// Publishes the service's outbox (settings <c>Messaging:Outbox</c>), reports its lag and parked
    /// rows in readiness (<c>&lt;service&gt;-outbox</c>) and the <c>Platform.Outbox</c> meter, and lets
    /// admins list and re-queue its parked rows; purges delivered messages (<c>Messaging:Retention</c>).
    /// </summary>
    public static IServiceCollection AddOutboxDispatcher<TDatabase>(this IServiceCollection services)
        where TDatabase : ServiceDatabase
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<OutboxMetrics>();
        services.AddHostedService<OutboxDispatcher<TDatabase>>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        services.AddHostedService<MessageRetention<TDatabase>>();
        services.AddSingleton<IOutboxAdministration, OutboxAdministration<TDatabase>>();
        var service = typeof(TDatabase).Name.Replace("Database", "", StringComparison.Ordinal).ToLowerInvariant();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck<TDatabase>>(
            $"{service}-outbox", tags: [HealthEndpoints.Ready], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

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
                // A temporary queue (one per replica, deleted when it stops) cannot be a quorum queue.
                var temporary = consumers.Where(c => c.Temporary).Select(c => options.QueuePrefix + c.EndpointName).ToHashSet(StringComparer.Ordinal);
                bus.AddConfigureEndpointsCallback((queueName, endpoint) =>
                {
                    if (!temporary.Contains(queueName))
                    {
                        RabbitMqTopology.ConfigureQuorumQueue(queueName, endpoint, options.RabbitMq);
                    }
                });
                bus.UsingRabbitMq((context, cfg) => RabbitMqTopology.Configure(context, cfg, options));
            }
            else
            {
                // The in-memory bus stays for code that publishes directly (tests, benchmarks); the
                // outbox delivers through the mediator, whose consumers finish before a row is marked sent.
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseMessageRetry(RetryPolicy.Configure);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        if (options.Transport == MessagingTransport.RabbitMq)
        {
            services.AddSingleton<IOutboxDelivery, BusDelivery>();
        }
        else
        {
            services.AddMediator(mediator =>
            {
                foreach (var consumer in consumers)
                {
                    mediator.AddConsumer(consumer.ConsumerType);
                }
                mediator.ConfigureMediator((_, cfg) => cfg.UseMessageRetry(RetryPolicy.ConfigureInline));
            });
            services.AddSingleton<IOutboxDelivery, MediatorDelivery>();
        }
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    /// <summary>
    /// Serves platform.operations.v1.OutboxAdminService over every outbox this host dispatches; each
    /// host calls it once, after its services are mapped.
    /// </summary>
    public static WebApplication MapOutboxAdministration(this WebApplication app)
    {
        app.MapGrpcService<Grpc.OutboxAdminGrpcService>().RequireAuthorization(Security.AuthenticationExtensions.CallerPolicy);
        return app;
    }
}
