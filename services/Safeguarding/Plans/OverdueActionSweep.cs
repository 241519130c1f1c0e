using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;

namespace Platform.Safeguarding.Plans;

/// <summary>
/// The scheduled check: time alone makes an action overdue, so nothing else would notice. Each open
/// action past its due date is marked and announced (ActionOverdue) once, in the transaction that marks
/// it; a new due date makes it eligible again. Runs on the injected clock.
/// </summary>
public sealed class OverdueActionSweep(
    SafeguardingDatabase database,
    IOptions<PlanOptions> options,
    TimeProvider clock,
    ILogger<OverdueActionSweep> logger) : BackgroundService
{
    /// <summary>Actions per transaction: short enough not to hold up people recording on plans.</summary>
    private const int Batch = 200;

    internal static string SelectNewlyOverdue(SqlDialect dialect) =>
        $"""
        SELECT * FROM plan_actions WHERE status = 'open' AND overdue_raised_at IS NULL AND due_at < @Now
        ORDER BY due_at, action_id {dialect.Page("@Limit")}
        """;

    internal const string MarkOverdue =
        "UPDATE plan_actions SET overdue_raised_at = @Now WHERE action_id = @ActionId AND status = 'open' AND overdue_raised_at IS NULL";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverdueCheckInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "The overdue action check failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Marks and announces every action that has become overdue; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        while (true)
        {
            var marked = await database.InTransactionAsync((db, tx) => MarkBatchAsync(db, tx, now), cancellationToken);
            total += marked;
            if (marked < Batch)
            {
                return total;
            }
        }
    }

    private static async Task<int> MarkBatchAsync(DbConnection db, DbTransaction tx, DateTimeOffset now)
    {
        var due = (await db.QueryAsync<PlanActionRow>(SelectNewlyOverdue(SqlDialect.Of(db)), new { Now = now, Limit = Batch }, tx)).ToList();
        var events = new List<ActionOverdue>();
        foreach (var action in due)
        {
            if (await db.ExecuteAsync(MarkOverdue, new { action.ActionId, Now = now }, tx) == 1)
            {
                events.Add(new ActionOverdue
                {
                    ActionId = action.ActionId, PlanId = action.PlanId, PersonId = action.PersonId, OwnerAgency = action.OwnerAgency,
                    Area = action.Area, DueAt = action.DueAt, OccurredAt = now,
                });
            }
        }
        if (events.Count > 0)
        {
            await Outbox.EnqueueAsync(db, tx, events);
        }
        return due.Count;
    }
}
