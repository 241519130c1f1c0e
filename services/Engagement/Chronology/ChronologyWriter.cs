using System.Data.Common;
using Platform.Engagement.Data;

namespace Platform.Engagement.Chronology;

/// <summary>Adds entries to the chronology, giving each its id.</summary>
public sealed class ChronologyWriter(ChronologyStore store)
{
    public Task WriteAsync(DbConnection db, DbTransaction tx, ChronologyEntryRow entry) => WriteAsync(db, tx, [entry]);

    public Task WriteAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<ChronologyEntryRow> entries)
    {
        foreach (var entry in entries.Where(e => e.EntryId.Length == 0))
        {
            entry.EntryId = Guid.CreateVersion7().ToString();
        }
        return store.InsertAsync(db, tx, entries);
    }
}
