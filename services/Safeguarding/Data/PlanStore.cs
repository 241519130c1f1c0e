using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.Safeguarding.Data;

/// <summary>Plans with their members, actions and reviews. Every change of a plan is guarded by the version it was read at.</summary>
public sealed class PlanStore
{
    internal const string InsertPlan =
        """
        INSERT INTO plans (plan_id, person_id, concern_id, lead_agency, lead_professional, area, status, level, risks_json,
            participants_json, named_agencies, family_involvement, next_review_at, urgent_review_reason, urgent_review_at,
            review_due_at, agreed_at, agreed_by, closed_at, close_reason, think_family_referral_id, version)
        VALUES (@PlanId, @PersonId, @ConcernId, @LeadAgency, @LeadProfessional, @Area, @Status, @Level, @RisksJson,
            @ParticipantsJson, @NamedAgencies, @FamilyInvolvement, @NextReviewAt, NULL, NULL,
            @ReviewDueAt, @AgreedAt, @AgreedBy, NULL, NULL, @ThinkFamilyReferralId, 1)
        """;

    internal const string InsertMember =
        "INSERT INTO plan_members (plan_id, person_id, role, position) VALUES (@PlanId, @PersonId, @Role, @Position)";

    internal const string InsertAction =
        """
        INSERT INTO plan_actions (action_id, plan_id, person_id, area, position, description, owner_agency, owner_role, due_at,
            status, completion_note, completed_at, overdue_raised_at)
        VALUES (@ActionId, @PlanId, @PersonId, @Area, @Position, @Description, @OwnerAgency, @OwnerRole, @DueAt,
            @Status, NULL, NULL, NULL)
        """;

    internal const string InsertReview =
        """
        INSERT INTO plan_reviews (review_id, plan_id, version, reviewed_at, reviewed_by, agency, note, next_review_at, urgent)
        VALUES (@ReviewId, @PlanId, @Version, @ReviewedAt, @ReviewedBy, @Agency, @Note, @NextReviewAt, @Urgent)
        """;

    /// <summary>Every later change writes the mutable part, guarded by the version it was read at.</summary>
    internal const string UpdatePlan =
        """
        UPDATE plans SET status = @Status, named_agencies = @NamedAgencies, next_review_at = @NextReviewAt,
            urgent_review_reason = @UrgentReviewReason, urgent_review_at = @UrgentReviewAt, review_due_at = @ReviewDueAt,
            closed_at = @ClosedAt, close_reason = @CloseReason, version = version + 1
        WHERE plan_id = @PlanId AND version = @Version
        """;

    internal const string UpdateAction =
        """
        UPDATE plan_actions SET status = @Status, completion_note = @CompletionNote, completed_at = @CompletedAt, due_at = @DueAt,
            overdue_raised_at = @OverdueRaisedAt
        WHERE action_id = @ActionId
        """;

    internal const string CancelOpenActions =
        """
        UPDATE plan_actions SET status = 'cancelled', completion_note = @Note, completed_at = @Now
        WHERE plan_id = @PlanId AND status = 'open'
        """;

    internal const string SelectPlan = "SELECT * FROM plans WHERE plan_id = @PlanId";

    internal const string SelectPlanPerson = "SELECT person_id FROM plans WHERE plan_id = @PlanId";

    internal const string SelectMembers = "SELECT * FROM plan_members WHERE plan_id = @PlanId ORDER BY position";

    internal const string SelectActions = "SELECT * FROM plan_actions WHERE plan_id = @PlanId ORDER BY position";

    internal const string SelectReviews = "SELECT * FROM plan_reviews WHERE plan_id = @PlanId ORDER BY version";

    /// <summary>The plans any record of a person's group is a member of, newest first.</summary>
    internal static string SelectPlansOfGroup(SqlDialect dialect) =>
        $"""
        SELECT * FROM plans WHERE plan_id IN (SELECT plan_id FROM plan_members WHERE person_id IN {dialect.InList("@Group")})
        ORDER BY agreed_at DESC, plan_id
        """;

    /// <summary>The same, open plans only, with the role the group's record holds (the strongest first).</summary>
    internal static string SelectOpenMemberships(SqlDialect dialect) =>
        $"""
        SELECT m.plan_id AS PlanId, m.role AS Role FROM plan_members m JOIN plans p ON p.plan_id = m.plan_id
        WHERE m.person_id IN {dialect.InList("@Group")} AND p.status = 'open'
        ORDER BY p.agreed_at, m.plan_id
        """;

    /// <summary>The lead and named agencies of the open plans any record of the group is a member of.</summary>
    internal static string SelectOpenPlanAgencies(SqlDialect dialect) =>
        $"""
        SELECT lead_agency AS LeadAgency, named_agencies AS NamedAgencies FROM plans
        WHERE status = 'open' AND plan_id IN (SELECT plan_id FROM plan_members WHERE person_id IN {dialect.InList("@Group")})
        """;

    public async Task InsertAsync(DbConnection db, DbTransaction tx, StoredPlan plan)
    {
        await db.ExecuteAsync(InsertPlan, plan.Plan, tx);
        await db.ExecuteAsync(InsertMember, plan.Members, tx);
        await db.ExecuteAsync(InsertAction, plan.Actions, tx);
    }

    public async Task<StoredPlan> GetAsync(DbConnection db, DbTransaction tx, string planId)
    {
        var plan = await db.QuerySingleOrDefaultAsync<PlanRow>(SelectPlan, new { PlanId = planId }, tx)
            ?? throw new NotFoundException("Plan", planId);
        return await CompleteAsync(db, tx, plan);
    }

    public async Task<string> PersonOfAsync(DbConnection db, DbTransaction tx, string planId) =>
        await db.QuerySingleOrDefaultAsync<string?>(SelectPlanPerson, new { PlanId = planId }, tx)
        ?? throw new NotFoundException("Plan", planId);

    /// <summary>The plans of a person's group of linked records (a person has few: one statement each for their parts).</summary>
    public async Task<IReadOnlyList<StoredPlan>> ListAsync(DbConnection db, DbTransaction tx, IReadOnlyList<string> group)
    {
        var plans = await db.QueryAsync<PlanRow>(SelectPlansOfGroup(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group) }, tx);
        var stored = new List<StoredPlan>();
        foreach (var plan in plans)
        {
            stored.Add(await CompleteAsync(db, tx, plan));
        }
        return stored;
    }

    /// <summary>The open plans a record of the group is a member of, with its role there.</summary>
    public async Task<IReadOnlyList<(string PlanId, string Role)>> OpenMembershipsAsync(DbConnection db, DbTransaction tx, IReadOnlyList<string> group) =>
        (await db.QueryAsync<(string PlanId, string Role)>(SelectOpenMemberships(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group) }, tx))
            .DistinctBy(m => m.PlanId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Whether <paramref name="agency"/> leads or is named on an open plan of hers: such an agency sees her
    /// special-category details (incidents, DASH answers) as the plan's work needs.
    /// </summary>
    public async Task<bool> NamesAgencyAsync(DbConnection db, DbTransaction tx, IReadOnlyList<string> group, string agency)
    {
        var plans = await db.QueryAsync<(string LeadAgency, string NamedAgencies)>(
            SelectOpenPlanAgencies(SqlDialect.Of(db)), new { Group = SqlDialect.ListParameter(group) }, tx);
        return plans.Any(p => p.LeadAgency == agency || StoredLists.Read(p.NamedAgencies).Contains(agency));
    }

    /// <summary><see cref="NamesAgencyAsync"/> for the person and every record linked with hers.</summary>
    public async Task<bool> NamesAgencyForPersonAsync(DbConnection db, DbTransaction tx, string personId, string agency)
    {
        var group = await Platform.BuildingBlocks.Security.Projection.ProjectedPeople.GroupAsync(db, tx, personId) is { Count: > 0 } known
            ? known : [personId];
        return await NamesAgencyAsync(db, tx, group, agency);
    }

    /// <summary>Writes the changed plan if it is still at <paramref name="expectedVersion"/>; ABORTED otherwise.</summary>
    public async Task UpdateAsync(DbConnection db, DbTransaction tx, PlanRow plan, long expectedVersion)
    {
        if (plan.Version != expectedVersion)
        {
            throw new StaleVersionException("Plan", plan.PlanId, expectedVersion, plan.Version);
        }
        plan.SetReviewDue();
        if (await db.ExecuteAsync(UpdatePlan, plan, tx) == 0)
        {
            throw new StaleVersionException("Plan", plan.PlanId, expectedVersion, plan.Version + 1);
        }
        plan.Version++;
    }

    public Task AddActionAsync(DbConnection db, DbTransaction tx, PlanActionRow action) => db.ExecuteAsync(InsertAction, action, tx);

    public Task UpdateActionAsync(DbConnection db, DbTransaction tx, PlanActionRow action) => db.ExecuteAsync(UpdateAction, action, tx);

    public Task AddReviewAsync(DbConnection db, DbTransaction tx, PlanReviewRow review) => db.ExecuteAsync(InsertReview, review, tx);

    public Task CancelOpenActionsAsync(DbConnection db, DbTransaction tx, string planId, string note, DateTimeOffset now) =>
        db.ExecuteAsync(CancelOpenActions, new { PlanId = planId, Note = note, Now = now }, tx);

    private static async Task<StoredPlan> CompleteAsync(DbConnection db, DbTransaction tx, PlanRow plan)
    {
        var id = new { plan.PlanId };
        return new StoredPlan(plan,
            (await db.QueryAsync<PlanMemberRow>(SelectMembers, id, tx)).ToList(),
            (await db.QueryAsync<PlanActionRow>(SelectActions, id, tx)).ToList(),
            (await db.QueryAsync<PlanReviewRow>(SelectReviews, id, tx)).ToList());
    }
}
