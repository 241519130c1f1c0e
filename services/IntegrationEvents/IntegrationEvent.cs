namespace Platform.IntegrationEvents;

/// <summary>
/// Every integration event says when the fact it reports happened. Events carry ids and area
/// codes, not personal details: consumers that need those ask the owner. The one exception is a
/// person's usual name (<c>PersonRegistered</c>, <c>PersonUpdated</c>), carried for display so that a
/// chronology can name the people it speaks of; a consumer shows it only to a caller who may see her.
/// </summary>
public abstract record IntegrationEvent
{
    public DateTimeOffset OccurredAt { get; init; }
}
