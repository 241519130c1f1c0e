using System.Collections.Frozen;
using System.Text.Json;
using Platform.IntegrationEvents;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>Maps the type names stored in outbox rows back to the integration-event contracts.</summary>
internal static class OutboxMessageTypes
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(IntegrationEvent).Assembly
        .GetTypes()
        .Where(type => type is { IsAbstract: false } && type.IsAssignableTo(typeof(IntegrationEvent)))
        .ToFrozenDictionary(type => type.FullName!, StringComparer.Ordinal);

    public static IntegrationEvent Deserialize(string typeName, string payload)
    {
        if (!Types.TryGetValue(typeName, out var type))
        {
            throw new InvalidOperationException($"Outbox row names unknown event type '{typeName}'.");
        }
        return (IntegrationEvent)JsonSerializer.Deserialize(payload, type, Outbox.Json)!;
    }
}
