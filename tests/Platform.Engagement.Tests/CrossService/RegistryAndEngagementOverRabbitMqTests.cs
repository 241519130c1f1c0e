using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService;

/// <summary>The same journey with the events crossing a real RabbitMQ broker, as in distributed mode.</summary>
public sealed class RegistryAndEngagementOverRabbitMqTests
{
    [SkippableFact]
    public async Task Registry_move_and_failed_attempts_reach_engagement_over_rabbitmq()
    {
        Infrastructure.RequireRabbitMq();
        await using var host = await EngagementHost.StartWithRegistryAsync(RegistryAndEngagement.Options(rabbitMq: true));

        await new RegistryAndEngagement(host).MoveAndDisengageAsync("Wilhelmina", "Abernethy");
    }
}
