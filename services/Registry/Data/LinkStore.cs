using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Registry.Data;

public sealed class LinkRow
{
    public string LinkId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string OtherPersonId { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset LinkedAt { get; set; }
    public string LinkedByAgency { get; set; } = "";
    public DateTimeOffset? UnlinkedAt { get; set; }
    public string? UnlinkReason { get; set; }
}

public sealed class LinkStore
{
    internal const string Insert =
        """
        INSERT INTO person_links (link_id, person_id, other_person_id, reason, linked_at, linked_by_agency)
        VALUES (@LinkId, @PersonId, @OtherPersonId, @Reason, @LinkedAt, @LinkedByAgency)
        """;

    internal const string SelectOne =
        """
        SELECT link_id, person_id, other_person_id, reason, linked_at, linked_by_agency, unlinked_at, unlink_reason
        FROM person_links WHERE link_id = @LinkId
        """;

    internal const string Unlink =
        "UPDATE person_links SET unlinked_at = @UnlinkedAt, unlink_reason = @Reason WHERE link_id = @LinkId AND unlinked_at IS NULL";

    /// <summary>The records linked into this one (the group that resolves to it).</summary>
    internal const string SelectLinkedInto = "SELECT person_id FROM persons WHERE linked_to = @PersonId";

    /// <summary>Pairs once unlinked: never proposed as duplicates again.</summary>
    internal static string SelectUnlinkedPartners(SqlDialect dialect) =>
        $"""
        SELECT other_person_id FROM person_links WHERE person_id IN {dialect.InList("@PersonIds")} AND unlinked_at IS NOT NULL
        UNION
        SELECT person_id FROM person_links WHERE other_person_id IN {dialect.InList("@PersonIds")} AND unlinked_at IS NOT NULL
        """;

    internal static string SelectHistory(SqlDialect dialect) =>
        $"""
        SELECT link_id, person_id, other_person_id, reason, linked_at, linked_by_agency, unlinked_at, unlink_reason
        FROM person_links WHERE person_id IN {dialect.InList("@PersonIds")} OR other_person_id IN {dialect.InList("@PersonIds")} ORDER BY linked_at, link_id
        """;

    internal static string SelectGroups(SqlDialect dialect) =>
        $"SELECT person_id, COALESCE(linked_to, person_id) AS survivor_id FROM persons WHERE person_id IN {dialect.InList("@PersonIds")} OR linked_to IN {dialect.InList("@PersonIds")}";

    /// <summary>The other records of the links, still standing, made with these records as the one that stays.</summary>
    internal static string SelectActiveLinkedInto(SqlDialect dialect) =>
        $"SELECT other_person_id FROM person_links WHERE person_id IN {dialect.InList("@PersonIds")} AND unlinked_at IS NULL";

    /// <summary>A record is linked into one other at a time: a unique index over standing links decides (migration 006).</summary>
    public async Task InsertAsync(DbConnection db, DbTransaction tx, LinkRow row)
    {
        try
        {
            await db.ExecuteAsync(Insert, row, tx);
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new AlreadyExistsException("The other record is already linked: list the links to find it.");
        }
    }

    /// <summary>Standing and undone links touching any of the records, oldest first.</summary>
    public async Task<IReadOnlyList<LinkRow>> HistoryAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds) =>
        (await db.QueryAsync<LinkRow>(SelectHistory(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).AsList();

    public async Task<LinkRow> GetAsync(DbConnection db, DbTransaction tx, string linkId) =>
        await db.QuerySingleOrDefaultAsync<LinkRow>(SelectOne, new { LinkId = linkId }, tx)
        ?? throw new NotFoundException("Link", linkId);

    public async Task UnlinkAsync(DbConnection db, DbTransaction tx, string linkId, string reason, DateTimeOffset now)
    {
        if (await db.ExecuteAsync(Unlink, new { LinkId = linkId, Reason = reason, UnlinkedAt = now }, tx) != 1)
        {
            throw new PreconditionFailedException("The link has already been undone.");
        }
    }

    /// <summary>The person's own id followed by every id linked into it.</summary>
    public async Task<IReadOnlyList<string>> GroupAsync(DbConnection db, DbTransaction? tx, string survivorId)
    {
        var group = new List<string> { survivorId };
        var linked = await db.QueryAsync<string>(SelectLinkedInto, new { PersonId = survivorId }, tx);
        group.AddRange(linked.Order(StringComparer.Ordinal));
        return group;
    }

    /// <summary>Every id of the groups of these records that stay, each mapped to the record it resolves to.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SurvivorsOfGroupsAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> survivorIds) =>
        survivorIds.Count == 0
            ? new Dictionary<string, string>()
            : (await db.QueryAsync<GroupMember>(SelectGroups(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(survivorIds) }, tx))
                .ToDictionary(row => row.PersonId, row => row.SurvivorId, StringComparer.Ordinal);

    private sealed class GroupMember
    {
        public string PersonId { get; set; } = "";
        public string SurvivorId { get; set; } = "";
    }

    /// <summary>
    /// Every record linked, directly or through others, into this one by links still standing,
    /// whichever record they resolve to now.
    /// </summary>
    public async Task<IReadOnlyList<string>> LinkedIntoAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { personId };
        var frontier = new List<string> { personId };
        while (frontier.Count > 0)
        {
            var next = (await db.QueryAsync<string>(SelectActiveLinkedInto(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(frontier) }, tx)).Where(seen.Add).ToList();
            found.AddRange(next);
            frontier = next;
        }
        return found;
    }

    public async Task<IReadOnlySet<string>> UnlinkedPartnersAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds) =>
        personIds.Count == 0
            ? new HashSet<string>()
            : (await db.QueryAsync<string>(SelectUnlinkedPartners(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).ToHashSet(StringComparer.Ordinal);
}
