using System.Data.Common;
using Platform.BuildingBlocks.Security;
using Platform.Engagement.Data;

namespace Platform.Engagement.Chronology;

/// <summary>
/// Names the people chronology entries speak of, for one caller: her own records by her name (the
/// caller was let in to read her chronology), another person by their usual name if the caller may
/// see them by the legitimate-relationship rule (a break-glass look at her opens no one else), and
/// anyone else as "a person you may not see", with neither name nor id.
/// </summary>
public sealed class ChronologyNames(PersonAccessGuard<EngagementDatabase> guard, PersonNameStore names)
{
    public async Task RenderAsync(
        DbConnection db, DbTransaction tx, Caller caller, IReadOnlyList<string> group, IReadOnlyList<ChronologyEntryRow> rows,
        CancellationToken cancellationToken)
    {
        var mentioned = rows.SelectMany(r => ChronologyText.PeopleIn(r.Summary).Concat(ChronologyText.PeopleIn(r.Detail)))
            .ToHashSet(StringComparer.Ordinal);
        if (mentioned.Count == 0)
        {
            return;
        }
        var others = mentioned.Except(group, StringComparer.Ordinal).ToList();
        var decided = others.Count == 0 ? null : await guard.DecideManyAsync(caller, others, db, tx, cancellationToken);
        var visible = mentioned.Where(id => group.Contains(id, StringComparer.Ordinal) || decided?.GetValueOrDefault(id) is not null).ToList();
        var known = await names.NamesAsync(db, tx, visible);
        var shown = mentioned.ToDictionary(
            id => id,
            id => !visible.Contains(id, StringComparer.Ordinal) ? ChronologyText.Hidden : known.GetValueOrDefault(id) ?? $"person {id}",
            StringComparer.Ordinal);
        foreach (var row in rows)
        {
            row.Summary = ChronologyText.Render(row.Summary, id => shown[id])!;
            row.Detail = ChronologyText.Render(row.Detail, id => shown[id]);
        }
    }
}
