namespace Platform.Housing.Data;

/// <summary>This process's copy of the matching index: its id names its fan-out queue and the changes it made.</summary>
public sealed class PlacementIndexReplica
{
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];
}
