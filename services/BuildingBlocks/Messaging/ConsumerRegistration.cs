namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// A service declares its consumers while it registers itself; the bus, added last, picks them up.
/// The endpoint name carries the service name so that two services' consumers of one event each get
/// their own queue.
/// </summary>
public sealed record ConsumerRegistration(Type ConsumerType, string EndpointName);
