using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Errors;

namespace Platform.Registry.Data;

/// <summary>
/// A person as read: the record an id resolves to after links, the ids of the records linked into
/// it (ordered), and how many involvements are active over all of them.
/// </summary>
/// <param name="Members">The survivor's id first, then the ids of the records linked into it.</param>
public sealed record PersonGroup(PersonRow Survivor, IReadOnlyList<string> Members, int ActiveInvolvements);

/// <summary>
/// Reads a person's group of linked records in one statement, for a read that would otherwise follow
/// the link, list the group and count its involvements one statement at a time.
/// </summary>
public sealed class PersonGroupStore
{
    /// <summary>
    /// The records of the group of <c>@PersonId</c>, as a condition on <c>persons p</c>: the record it
    /// resolves to and every record linked into that one. Linking points every record of a group at
    /// the survivor itself (records linked into the other follow it), so one hop reaches them all.
    /// The access facts and the view share it, so that a person is judged by the records shown.
    /// </summary>
    internal const string InGroupOfPersonId =
        """
        (p.person_id = (SELECT COALESCE(linked_to, person_id) FROM persons WHERE person_id = @PersonId)
           OR p.linked_to = (SELECT COALESCE(linked_to, person_id) FROM persons WHERE person_id = @PersonId))
        """;

    /// <summary>Every record of the group whole, each with its own count of active involvements (summed by the reader).</summary>
    internal const string SelectGroupRows =
        $"""
        SELECT p.person_id, p.version, p.details_json, p.display_name, p.all_names, p.dob_year, p.dob_month, p.dob_day,
               p.nhs_number, p.current_area, p.linked_to, p.registered_at, p.registered_by_agency, p.updated_at,
               (SELECT COUNT(*) FROM involvements i
                WHERE i.person_id = p.person_id AND (i.until IS NULL OR i.until > @Now)) AS active_involvements
        FROM persons p
        WHERE {InGroupOfPersonId}
        """;

    /// <summary>The group of the record <paramref name="personId"/> resolves to; not found when there is no such record.</summary>
    public async Task<PersonGroup> ReadAsync(DbConnection db, DbTransaction? tx, string personId, DateTimeOffset now)
    {
        var rows = (await db.QueryAsync<MemberRow>(SelectGroupRows, new { PersonId = personId, Now = now }, tx)).AsList();
        var asked = rows.Find(row => row.PersonId == personId) ?? throw new NotFoundException("Person", personId);
        var survivorId = asked.LinkedTo ?? asked.PersonId;
        var survivor = rows.Find(row => row.PersonId == survivorId) ?? throw new NotFoundException("Person", survivorId);
        var members = new List<string>(rows.Count) { survivor.PersonId };
        members.AddRange(rows.Where(row => !ReferenceEquals(row, survivor)).Select(row => row.PersonId).Order(StringComparer.Ordinal));
        return new PersonGroup(survivor, members, rows.Sum(row => row.ActiveInvolvements));
    }

    private sealed class MemberRow : PersonRow
    {
        public int ActiveInvolvements { get; set; }
    }
}
