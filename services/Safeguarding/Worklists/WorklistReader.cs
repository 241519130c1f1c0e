using System.Data.Common;
using Platform.BuildingBlocks.Security;

namespace Platform.Safeguarding.Worklists;

/// <summary>One page of the merged worklist and the position to continue after (null at the end).</summary>
public sealed record WorklistPage(IReadOnlyList<(WorkItemRow Item, AccessBasis Basis)> Items, WorkPosition? Next);

/// <summary>
/// Every kind of work merged by (due, record id), a page at a time. Each source reads its own index
/// from the position; the page keeps only the people the caller may see (the registry's access
/// projection), so a scope never shows a person the caller has no relationship with.
/// </summary>
public sealed class WorklistReader(IEnumerable<IWorkSource> sources, PersonAccessGuard<SafeguardingDatabase> guard)
{
    /// <summary>Rounds of reading a page may take when some of what it reads is hidden from the caller.</summary>
    private const int MaximumRounds = 8;

    private readonly IReadOnlyList<IWorkSource> _sources = sources.ToList();

    public async Task<WorklistPage> ReadAsync(
        DbConnection db, DbTransaction tx, Caller caller, WorkScope scope, DateTimeOffset now, WorkPosition? after, int pageSize, CancellationToken ct)
    {
        var items = new List<(WorkItemRow, AccessBasis)>(pageSize);
        var position = after;
        var more = true;
        for (var round = 0; round < MaximumRounds && more && items.Count < pageSize; round++)
        {
            var want = pageSize - items.Count;
            var merged = new List<WorkItemRow>();
            foreach (var source in _sources)
            {
                merged.AddRange(await source.ReadAsync(db, tx, scope, now, position, want + 1, ct));
            }
            merged.Sort(static (a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.RecordId, b.RecordId));
            more = merged.Count > want;
            var batch = merged.Take(want).ToList();
            if (batch.Count == 0)
            {
                break;
            }
            var bases = await guard.DecideManyAsync(caller, batch.Select(i => i.PersonId).ToList(), db, tx, ct);
            items.AddRange(batch.Where(i => bases[i.PersonId] is not null).Select(i => (i, bases[i.PersonId]!.Value)));
            position = new WorkPosition(batch[^1].DueAt, batch[^1].RecordId);
        }
        return new WorklistPage(items, more ? position : null);
    }
}
