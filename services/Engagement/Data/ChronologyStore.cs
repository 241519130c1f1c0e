using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.Engagement.Domain;

namespace Platform.Engagement.Data;

/// <summary>
/// The chronology table: written by the contact handlers and by one consumer per event source, read
/// over the whole group of linked records in one ordered, filtered, keyset-paged statement.
/// </summary>
public sealed class ChronologyStore(EngagementDatabase database)
{
    internal const string Insert =
        """
        INSERT INTO chronology (entry_id, person_id, occurred_at, kind, agency, summary, detail, themes, significant, contact_id, superseded)
        VALUES (@EntryId, @PersonId, @OccurredAt, @Kind, @Agency, @Summary, @Detail, @Themes, @Significant, @ContactId, @Superseded)
        """;

    internal const string InsertTheme = "INSERT INTO chronology_themes (entry_id, theme) VALUES (@EntryId, @Theme)";

    internal const string MarkContactSuperseded = "UPDATE chronology SET superseded = 1 WHERE contact_id = @ContactId";

    internal static string SelectOldestFirst(SqlDialect dialect) => Select(dialect, newestFirst: false);

    internal static string SelectNewestFirst(SqlDialect dialect) => Select(dialect, newestFirst: true);

    private static string Select(SqlDialect dialect, bool newestFirst)
    {
        var (order, after) = newestFirst ? ("DESC", "<") : ("ASC", ">");
        return $"""
            SELECT c.entry_id, c.person_id, c.occurred_at, c.kind, c.agency, c.summary, c.detail, c.themes,
                   c.significant, c.contact_id, c.superseded
            FROM chronology c
            WHERE c.person_id IN {dialect.InList("@Group")}
              AND (@From IS NULL OR c.occurred_at >= @From)
              AND (@Until IS NULL OR c.occurred_at < @Until)
              AND (@AllAgencies = 1 OR c.agency IN {dialect.InList("@Agencies", ListItems.Agencies)})
              AND (@AllKinds = 1 OR c.kind IN {dialect.InList("@Kinds")})
              AND (@AllThemes = 1 OR EXISTS (SELECT 1 FROM chronology_themes t WHERE t.entry_id = c.entry_id AND t.theme IN {dialect.InList("@Themes")}))
              AND (@SignificantOnly = 0 OR c.significant = 1)
              AND (@AfterAt IS NULL OR c.occurred_at {after} @AfterAt OR (c.occurred_at = @AfterAt AND c.entry_id {after} @AfterId))
            ORDER BY c.occurred_at {order}, c.entry_id {order} {dialect.Page("@Take")}
            """;
    }

    public async Task InsertAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<ChronologyEntryRow> entries)
    {
        await BulkInsert.ExecuteAsync(db, tx, Insert, entries);
        await BulkInsert.ExecuteAsync(db, tx, InsertTheme, entries.SelectMany(e => e.ThemeList.Select(theme => new EntryTheme(e.EntryId, theme))));
    }

    public Task InsertAsync(DbConnection db, DbTransaction tx, ChronologyEntryRow entry) => InsertAsync(db, tx, [entry]);

    private sealed record EntryTheme(string EntryId, string Theme);

    public Task MarkSupersededAsync(DbConnection db, DbTransaction tx, string contactId) =>
        db.ExecuteAsync(MarkContactSuperseded, new { ContactId = contactId }, tx);

    public async Task<IReadOnlyList<ChronologyEntryRow>> ReadAsync(
        DbConnection db, DbTransaction tx, IReadOnlyList<string> group, ChronologyQuery query, int take)
    {
        var dialect = database.Dialect;
        var sql = query.NewestFirst ? SelectNewestFirst(dialect) : SelectOldestFirst(dialect);
        var rows = await db.QueryAsync<ChronologyEntryRow>(sql, new
        {
            Group = SqlDialect.ListParameter(group),
            query.From,
            query.Until,
            AllAgencies = query.Agencies.Count == 0,
            Agencies = SqlDialect.ListParameter(query.Agencies),
            AllKinds = query.Kinds.Count == 0,
            Kinds = SqlDialect.ListParameter(query.Kinds),
            AllThemes = query.Themes.Count == 0,
            Themes = SqlDialect.ListParameter(query.Themes),
            query.SignificantOnly,
            AfterAt = query.After?.OccurredAt,
            AfterId = query.After?.EntryId,
            Take = take,
        }, tx);
        return rows.ToList();
    }
}
