namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// A service declares its consumers while it registers itself; the bus, added last, picks them up.
/// The endpoint name carries the service name so that two services' consumers of one event each get
/// their own queue.
/// </summary>
/// <param name="Temporary">An auto-deleted queue, for observers (tests) that must leave nothing behind.</param>
public sealed record ConsumerRegistration(Type ConsumerType, string EndpointName, bool Temporary = false);
