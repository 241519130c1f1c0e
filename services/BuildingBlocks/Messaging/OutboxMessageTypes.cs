using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Platform.IntegrationEvents;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The one registry of stored event names: every integration-event contract by its
/// <see cref="EventTypeAttribute"/> name. Rows written before names were stable hold the CLR name,
/// which still resolves. A row naming neither, or holding a payload its type cannot read, is an
/// error for that row alone (<see cref="UnreadableOutboxRowException"/>).
/// </summary>
internal static class OutboxMessageTypes
{
    private static readonly Type[] Contracts = typeof(IntegrationEvent).Assembly
        .GetTypes()
        .Where(type => type is { IsAbstract: false } && type.IsAssignableTo(typeof(IntegrationEvent)))
        .ToArray();

    private static readonly FrozenDictionary<Type, string> Names = Contracts.ToFrozenDictionary(type => type, StableName);

    private static readonly FrozenDictionary<string, Type> Types = Contracts
        .Select(type => KeyValuePair.Create(Names[type], type))
        .Concat(Contracts.Select(type => KeyValuePair.Create(type.FullName!, type)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every contract and its stored name.</summary>
    public static IReadOnlyDictionary<Type, string> All => Names;

    public static string NameOf(Type type) =>
        Names.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"{type.Name} is not an integration-event contract with an [EventType] name.");

    public static IntegrationEvent Deserialize(string typeName, string payload)
    {
        if (!Types.TryGetValue(typeName, out var type))
        {
            throw new UnreadableOutboxRowException($"Outbox row names unknown event type '{typeName}'.");
        }
        try
        {
            return (IntegrationEvent?)JsonSerializer.Deserialize(payload, type, Outbox.Json)
                ?? throw new UnreadableOutboxRowException($"Outbox row of type '{typeName}' holds a null payload.");
        }
        catch (JsonException ex)
        {
            // The parser's message quotes the payload: keep only where it failed.
            throw new UnreadableOutboxRowException(
                $"Outbox row of type '{typeName}' holds a payload that does not read as that type (path {ex.Path ?? "$"}).");
        }
    }

    private static string StableName(Type type) =>
        type.GetCustomAttribute<EventTypeAttribute>()?.Name
        ?? throw new InvalidOperationException($"Integration event {type.FullName} has no [EventType] name.");
}

/// <summary>An outbox row that cannot become a message: the row's own fault, not the transport's.</summary>
public sealed class UnreadableOutboxRowException(string message) : Exception(message);
