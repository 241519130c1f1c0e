using MassTransit;
using Platform.Housing.Data;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps this replica's matching index in step with changes another replica made: each replica
/// reads <see cref="PlacementsChanged"/> from a queue of its own (a fan-out), deleted when it stops.
/// Reloading is idempotent, so no inbox is needed; its own changes it has reloaded already.
/// </summary>
public sealed class PlacementsChangedConsumer(PlacementIndexLoader loader, PlacementIndexReplica replica) : IConsumer<PlacementsChanged>
{
    public Task Consume(ConsumeContext<PlacementsChanged> context) =>
        context.Message.Origin == replica.Id ? Task.CompletedTask : loader.ApplyAsync(context.Message);
}
