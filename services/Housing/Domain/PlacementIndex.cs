namespace Platform.Housing.Domain;

/// <summary>
/// Every unit in memory, for matching. Readers take a snapshot (an array and a count) without
/// locking; writers replace an entry in place or append, under a lock. Entries are immutable, so a
/// reader sees each unit either before or after a change, never half of it.
/// </summary>
public sealed class PlacementIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private volatile Snapshot _current = new([], 0);

    public int Count => _current.Count;

    public ReadOnlySpan<UnitEntry> Units
    {
        get
        {
            var snapshot = _current;
            return snapshot.Items.AsSpan(0, snapshot.Count);
        }
    }

    public UnitEntry? Find(string unitId)
    {
        var snapshot = _current;
        lock (_gate)
        {
            return _slots.TryGetValue(unitId, out var slot) && slot < snapshot.Count ? snapshot.Items[slot] : null;
        }
    }

    public void Upsert(UnitEntry entry)
    {
        lock (_gate)
        {
            var snapshot = _current;
            if (_slots.TryGetValue(entry.UnitId, out var slot))
            {
                snapshot.Items[slot] = entry;
                return;
            }
            var items = snapshot.Items;
            if (snapshot.Count == items.Length)
            {
                Array.Resize(ref items, Math.Max(1024, items.Length * 2));
            }
            items[snapshot.Count] = entry;
            _slots[entry.UnitId] = snapshot.Count;
            _current = new Snapshot(items, snapshot.Count + 1);
        }
    }

    /// <summary>Replaces every entry at once (start-up and periodic refresh).</summary>
    public void ReplaceAll(IReadOnlyCollection<UnitEntry> entries)
    {
        var items = new UnitEntry[Math.Max(1024, entries.Count)];
        var slots = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        var count = 0;
        foreach (var entry in entries)
        {
            slots[entry.UnitId] = count;
            items[count++] = entry;
        }
        lock (_gate)
        {
            _slots.Clear();
            foreach (var (id, slot) in slots)
            {
                _slots[id] = slot;
            }
            _current = new Snapshot(items, count);
        }
    }

    private sealed record Snapshot(UnitEntry[] Items, int Count);
}
