using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Registry.Data;

public sealed class InvolvementRow
{
    public string InvolvementId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Agency { get; set; } = "";
    public string? Worker { get; set; }
    public string? Team { get; set; }
    public string? Role { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? Until { get; set; }
    public bool LeadProfessional { get; set; }
    public string? EndReason { get; set; }
    public long Version { get; set; }
    public string? StartedByAgency { get; set; }
    /// <summary>The API's LawfulBasis, when started on another agency's behalf.</summary>
    public int? LawfulBasis { get; set; }
    public string? LawfulBasisReason { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => Until is null || Until > now;
}

public sealed class InvolvementStore
{
    internal const string Insert =
        """
        INSERT INTO involvements (involvement_id, person_id, agency, worker, team, role, since, until,
                                  lead_professional, end_reason, version, started_by_agency, lawful_basis, lawful_basis_reason)
        VALUES (@InvolvementId, @PersonId, @Agency, @Worker, @Team, @Role, @Since, NULL, @LeadProfessional, NULL, 1,
                @StartedByAgency, @LawfulBasis, @LawfulBasisReason)
        """;

    internal const string SelectOne =
        """
        SELECT involvement_id, person_id, agency, worker, team, role, since, until, lead_professional, end_reason, version,
               started_by_agency, lawful_basis, lawful_basis_reason
        FROM involvements WHERE involvement_id = @InvolvementId
        """;

    internal static string SelectForPersons(SqlDialect dialect) =>
        $"""
        SELECT involvement_id, person_id, agency, worker, team, role, since, until, lead_professional, end_reason, version,
               started_by_agency, lawful_basis, lawful_basis_reason
        FROM involvements WHERE person_id IN {dialect.InList("@PersonIds")} ORDER BY since DESC
        """;

    internal const string End =
        """
        UPDATE involvements SET until = @Until, end_reason = @Reason, lead_professional = 0, version = version + 1
        WHERE involvement_id = @InvolvementId AND version = @ExpectedVersion AND until IS NULL
        """;

    internal const string MakeLead =
        "UPDATE involvements SET lead_professional = 1, version = version + 1 WHERE involvement_id = @InvolvementId AND version = @ExpectedVersion";

    /// <summary>Over every record of the person: linked records share one lead professional.</summary>
    internal static string ClearOtherLeads(SqlDialect dialect) =>
        $"""
        UPDATE involvements SET lead_professional = 0, version = version + 1
        WHERE person_id IN {dialect.InList("@PersonIds")} AND lead_professional = 1 AND involvement_id <> @InvolvementId
        """;

    /// <summary>The agencies whose active involvement leads, over every record of the person (at most one, but read as a set).</summary>
    internal static string SelectLeadAgencies(SqlDialect dialect) =>
        $"""
        SELECT DISTINCT agency FROM involvements
        WHERE person_id IN {dialect.InList("@PersonIds")} AND lead_professional = 1 AND (until IS NULL OR until > @Now)
        """;

    /// <param name="group">Every id of the person (<see cref="LinkStore.GroupAsync"/>), whose other leads stop leading.</param>
    public async Task InsertAsync(DbConnection db, DbTransaction tx, InvolvementRow row, IReadOnlyCollection<string> group)
    {
        await db.ExecuteAsync(Insert, row, tx);
        if (row.LeadProfessional)
        {
            await db.ExecuteAsync(ClearOtherLeads(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(group), row.InvolvementId }, tx);
        }
    }

    public async Task<InvolvementRow> GetAsync(DbConnection db, DbTransaction tx, string involvementId) =>
        await db.QuerySingleOrDefaultAsync<InvolvementRow>(SelectOne, new { InvolvementId = involvementId }, tx)
        ?? throw new NotFoundException("Involvement", involvementId);

    public async Task<IReadOnlyList<InvolvementRow>> ForPersonsAsync(DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> personIds) =>
        (await db.QueryAsync<InvolvementRow>(SelectForPersons(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds) }, tx)).AsList();

    public async Task<IReadOnlySet<string>> LeadAgenciesAsync(DbConnection db, DbTransaction tx, IReadOnlyCollection<string> personIds, DateTimeOffset now) =>
        (await db.QueryAsync<string>(SelectLeadAgencies(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(personIds), Now = now }, tx)).ToHashSet(StringComparer.Ordinal);

    public async Task EndAsync(DbConnection db, DbTransaction tx, InvolvementRow row, long expectedVersion, DateTimeOffset until, string reason)
    {
        var changed = await db.ExecuteAsync(End,
            new { row.InvolvementId, ExpectedVersion = expectedVersion, Until = until, Reason = reason }, tx);
        Ensure(row, expectedVersion, changed);
    }

    /// <param name="group">Every id of the person (<see cref="LinkStore.GroupAsync"/>), whose other leads stop leading.</param>
    public async Task MakeLeadAsync(DbConnection db, DbTransaction tx, InvolvementRow row, long expectedVersion, IReadOnlyCollection<string> group)
    {
        var changed = await db.ExecuteAsync(MakeLead, new { row.InvolvementId, ExpectedVersion = expectedVersion }, tx);
        Ensure(row, expectedVersion, changed);
        await db.ExecuteAsync(ClearOtherLeads(SqlDialect.Of(db)), new { PersonIds = SqlDialect.ListParameter(group), row.InvolvementId }, tx);
    }

    private static void Ensure(InvolvementRow row, long expectedVersion, int changed)
    {
        if (changed != 1)
        {
            throw new StaleVersionException("Involvement", row.InvolvementId, expectedVersion, row.Version);
        }
    }
}
