using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Data;

public sealed class ContactStore(EngagementDatabase database)
{
    internal const string Insert =
        """
        INSERT INTO contacts (contact_id, person_id, agency, worker, contact_at, channel, outcome, location,
            duration_minutes, seen_alone, others_present, others_present_note, persons_words, note, themes,
            significant, recorded_at, recorded_by, supersedes_contact_id, superseded_by_contact_id,
            amendment_reason, source_system, source_id)
        VALUES (@ContactId, @PersonId, @Agency, @Worker, @ContactAt, @Channel, @Outcome, @Location,
            @DurationMinutes, @SeenAlone, @OthersPresent, @OthersPresentNote, @PersonsWords, @Note, @Themes,
            @Significant, @RecordedAt, @RecordedBy, @SupersedesContactId, NULL,
            @AmendmentReason, @SourceSystem, @SourceId)
        """;

    internal const string SelectById = "SELECT * FROM contacts WHERE contact_id = @ContactId";

    /// <summary>Only the current version may be amended: two amendments at once cannot both supersede it.</summary>
    internal const string MarkSuperseded =
        """
        UPDATE contacts SET superseded_by_contact_id = @NewContactId
        WHERE contact_id = @ContactId AND superseded_by_contact_id IS NULL
        """;

    internal static string SelectLatestBefore(SqlDialect dialect) =>
        $"""
        SELECT * FROM contacts
        WHERE person_id IN {dialect.InList("@Group")} AND superseded_by_contact_id IS NULL AND contact_at <= @Before
        ORDER BY contact_at DESC, contact_id DESC {dialect.Page("@Take")}
        """;

    internal static string SelectFacts(SqlDialect dialect) =>
        $"""
        SELECT contact_at, outcome, seen_alone FROM contacts
        WHERE person_id IN {dialect.InList("@People")} AND superseded_by_contact_id IS NULL
        """;

    /// <summary>
    /// Each record's engagement in two statements, however long its history: first, last success and
    /// last attempt by aggregate, then only the attempts after its own last success (the only ones a
    /// group's count since success can include). Instants are compared as stored (UTC text of fixed
    /// width on SQLite, so text order is time order; datetimeoffset on SQL Server).
    /// </summary>
    internal static string SelectEngagementByPerson(SqlDialect dialect) =>
        $"""
        SELECT person_id AS PersonId, MIN(contact_at) AS FirstContactAt,
            MAX(CASE WHEN outcome = '{ContactVocabulary.Made}' THEN contact_at END) AS LastSuccessAt,
            MAX(CASE WHEN outcome <> '{ContactVocabulary.Made}' THEN contact_at END) AS LastAttemptAt
        FROM contacts
        WHERE person_id IN {dialect.InList("@People")} AND superseded_by_contact_id IS NULL
        GROUP BY person_id;
        SELECT a.person_id AS PersonId, a.contact_at AS At
        FROM contacts a
        LEFT JOIN (
            SELECT person_id, MAX(contact_at) AS last_success FROM contacts
            WHERE person_id IN {dialect.InList("@People")} AND superseded_by_contact_id IS NULL AND outcome = '{ContactVocabulary.Made}'
            GROUP BY person_id) s ON s.person_id = a.person_id
        WHERE a.person_id IN {dialect.InList("@People")} AND a.superseded_by_contact_id IS NULL
            AND a.outcome <> '{ContactVocabulary.Made}' AND (s.last_success IS NULL OR a.contact_at > s.last_success)
        """;

    internal static string SelectBySource(SqlDialect dialect) =>
        $"SELECT source_id, contact_id FROM contacts WHERE source_system = @SourceSystem AND source_id IN {dialect.InList("@SourceIds", ListItems.Text)}";

    public Task InsertAsync(DbConnection db, DbTransaction tx, IEnumerable<ContactRow> rows) => BulkInsert.ExecuteAsync(db, tx, Insert, rows);

    public async Task<ContactRow> GetAsync(DbConnection db, DbTransaction tx, string contactId) =>
        await db.QuerySingleOrDefaultAsync<ContactRow>(SelectById, new { ContactId = contactId }, tx)
        ?? throw new NotFoundException("Contact", contactId);

    public async Task SupersedeAsync(DbConnection db, DbTransaction tx, string contactId, string newContactId)
    {
        if (await db.ExecuteAsync(MarkSuperseded, new { ContactId = contactId, NewContactId = newContactId }, tx) == 0)
        {
            throw new PreconditionFailedException(
                $"Contact '{contactId}' has already been amended: amend its latest version instead.");
        }
    }

    /// <summary>The current contacts of a group of linked records, as the engagement rules read them.</summary>
    public async Task<IReadOnlyList<ContactFact>> FactsAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> group)
    {
        var rows = await db.QueryAsync<FactRow>(SelectFacts(database.Dialect), new { People = SqlDialect.ListParameter(group) }, tx);
        return [.. rows.Select(r => new ContactFact(r.ContactAt, ContactVocabulary.Outcome(r.Outcome), r.SeenAlone))];
    }

    /// <summary>
    /// Each record's engagement summary (<see cref="RecordEngagement"/>), without reading its contacts
    /// one by one: recording a contact re-evaluates her, and her history may run to thousands.
    /// A record with no current contact is absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RecordEngagement>> EngagementByPersonAsync(
        DbConnection db, DbTransaction tx, IReadOnlyCollection<string> people)
    {
        using var results = await db.QueryMultipleAsync(SelectEngagementByPerson(database.Dialect), new { People = SqlDialect.ListParameter(people) }, tx);
        var summaries = (await results.ReadAsync<SummaryRow>()).ToList();
        var attempts = (await results.ReadAsync<AttemptRow>()).ToLookup(a => a.PersonId, a => a.At, StringComparer.Ordinal);
        return summaries.ToDictionary(
            s => s.PersonId,
            s => new RecordEngagement(s.FirstContactAt, s.LastSuccessAt, s.LastAttemptAt, [.. attempts[s.PersonId]]),
            StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ContactRow>> LatestBeforeAsync(
        DbConnection db, DbTransaction tx, IReadOnlyList<string> group, DateTimeOffset before, int take) =>
        (await db.QueryAsync<ContactRow>(SelectLatestBefore(database.Dialect), new { Group = SqlDialect.ListParameter(group), Before = before, Take = take }, tx)).ToList();

    /// <summary>Source id → contact id, for those of the given source ids already imported.</summary>
    public async Task<Dictionary<string, string>> ImportedAsync(
        DbConnection db, DbTransaction tx, string sourceSystem, IReadOnlyCollection<string> sourceIds)
    {
        if (sourceIds.Count == 0)
        {
            return [];
        }
        var rows = await db.QueryAsync<(string SourceId, string ContactId)>(SelectBySource(database.Dialect),
            new { SourceSystem = sourceSystem, SourceIds = SqlDialect.ListParameter(sourceIds) }, tx);
        return rows.ToDictionary(r => r.SourceId, r => r.ContactId, StringComparer.Ordinal);
    }

    private sealed class SummaryRow
    {
        public string PersonId { get; set; } = "";
        public DateTimeOffset FirstContactAt { get; set; }
        public DateTimeOffset? LastSuccessAt { get; set; }
        public DateTimeOffset? LastAttemptAt { get; set; }
    }

    private sealed class AttemptRow
    {
        public string PersonId { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    private sealed class FactRow
    {
        public DateTimeOffset ContactAt { get; set; }
        public string Outcome { get; set; } = "";
        public bool SeenAlone { get; set; }
    }
}
