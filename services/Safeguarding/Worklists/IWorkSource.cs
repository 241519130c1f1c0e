using System.Data.Common;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// One kind of work on the safeguarding worklist (overdue actions, reviews due, concerns awaiting a decision,
/// follow-ups due, referrals unanswered). Each kind reads its own tables; the worklist service merges the kinds
/// by due date, so adding a kind is one class and one registration.
/// </summary>
public interface IWorkSource
{
    WorkKind Kind { get; }

    /// <summary>
    /// The items of this kind in <paramref name="scope"/> that are work at <paramref name="now"/> (due, or for a
    /// concern awaiting its decision, owed), ordered by (due_at, record_id), strictly after <paramref name="after"/>
    /// when given, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<WorkItemRow>> ReadAsync(
        DbConnection db, DbTransaction tx, WorkScope scope, DateTimeOffset now, WorkPosition? after, int limit, CancellationToken ct);
}

/// <summary>Whose work: an agency's own (agency set), or all of an area's (area set, for safeguarding leads).</summary>
public sealed record WorkScope(string? Agency, string? Area);

/// <summary>Where a page of the worklist stopped: the last item's due date and record id.</summary>
public sealed record WorkPosition(DateTimeOffset DueAt, string RecordId);

/// <summary>One line of work. <see cref="Summary"/> never carries special-category detail (health, sexual abuse, DASH answers).</summary>
public sealed record WorkItemRow(
    WorkKind Kind, string PersonId, string RecordId, string Agency, string Area, DateTimeOffset DueAt, string Summary);
