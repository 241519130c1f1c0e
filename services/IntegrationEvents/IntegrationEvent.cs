namespace Platform.IntegrationEvents;

/// <summary>
/// Every integration event says when the fact it reports happened. Events carry ids and area
/// codes, never names or other personal details: consumers that need those ask the owner.
/// </summary>
public abstract record IntegrationEvent
{
    public DateTimeOffset OccurredAt { get; init; }
}
