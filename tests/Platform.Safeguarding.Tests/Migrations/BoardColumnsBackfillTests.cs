using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.Safeguarding.Tests.Domain;
using Platform.Safeguarding.Tests.Grpc;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Tests.Migrations;

/// <summary>
/// Migration 003 fills the board figures' columns for concerns recorded before it, from the JSON and
/// stage changes they already kept: what it fills must be what the code now keeps at each step.
/// </summary>
public sealed class BoardColumnsBackfillTests(SafeguardingFixture fixture) : IClassFixture<SafeguardingFixture>
{
    private const string Columns = "enquiry_started_at AS EnquiryStartedAt, desired_outcomes_count AS DesiredOutcomesCount, outcomes_achieved AS OutcomesAchieved";

    private static IEnumerable<string> BackfillStatements() =>
        MigrationScript.Load(typeof(SafeguardingDatabase).Assembly, "safeguarding", SqlDialect.Sqlite)
            .Single(s => s.Version == 3).Sql.Split(';').Select(s => s.Trim())
            .Where(s => s.StartsWith("UPDATE concerns", StringComparison.Ordinal));

    [Theory]
    [InlineData(new[] { OutcomeAchievement.Fully, OutcomeAchievement.Fully })]
    [InlineData(new[] { OutcomeAchievement.Fully, OutcomeAchievement.Not })]
    [InlineData(new[] { OutcomeAchievement.Not })]
    [InlineData(new OutcomeAchievement[0])]
    public async Task The_backfill_fills_what_the_code_keeps(OutcomeAchievement[] achievements)
    {
        var concernId = await ClosedEnquiryAsync(achievements);
        var kept = await ReadAsync(concernId);
        await using (var db = await fixture.Host.Service<SafeguardingDatabase>().OpenAsync())
        {
            await db.ExecuteAsync("UPDATE concerns SET enquiry_started_at = NULL, desired_outcomes_count = NULL, outcomes_achieved = NULL WHERE concern_id = @concernId", new { concernId });
            foreach (var statement in BackfillStatements())
            {
                await db.ExecuteAsync(statement);
            }
        }

        var filled = await ReadAsync(concernId);

        Assert.Equal(3, BackfillStatements().Count());
        Assert.NotNull(kept.EnquiryStartedAt);
        Assert.Equal(kept, filled);
    }

    private async Task<Kept> ReadAsync(string concernId)
    {
        await using var db = await fixture.Host.Service<SafeguardingDatabase>().OpenAsync();
        return await db.QuerySingleAsync<Kept>($"SELECT {Columns} FROM concerns WHERE concern_id = @concernId", new { concernId });
    }

    private async Task<string> ClosedEnquiryAsync(OutcomeAchievement[] achievements)
    {
        var worker = fixture.As(SafeguardingFixture.Worker);
        var lead = fixture.As(SafeguardingFixture.Lead);
        var concern = await worker.Concerns.RaiseConcernAsync(new RaiseConcernRequest { Details = SafeguardingFixture.Concern(await fixture.PersonAsync()) });
        var desired = new RecordDesiredOutcomesRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Asked = achievements.Length > 0,
            NotAskedReason = achievements.Length > 0 ? "" : "She was in hospital",
        };
        desired.Outcomes.AddRange(achievements.Select((_, i) => $"outcome {i + 1}"));
        concern = await worker.Concerns.RecordDesiredOutcomesAsync(desired);
        concern = await lead.Concerns.RecordSection42DecisionAsync(new RecordSection42DecisionRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Test = Section42RuleTests.Test(true, true, true), Decision = EnquiryDecision.Section42,
        });
        concern = await lead.Concerns.ChangeStageAsync(new ChangeStageRequest
        {
            ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, To = Stage.Enquiry, Reason = "enquiry",
        });
        var close = new CloseConcernRequest { ConcernId = concern.ConcernId, ExpectedVersion = concern.Version, Reason = "concluded", RiskOutcome = RiskOutcome.Reduced };
        close.Outcomes.AddRange(achievements.Select((a, i) => new OutcomeResult { OutcomeId = $"{i + 1}", Achievement = a, PersonsView = "her view" }));
        await lead.Concerns.CloseConcernAsync(close);
        return concern.ConcernId;
    }

    private sealed record Kept
    {
        public DateTimeOffset? EnquiryStartedAt { get; init; }
        public int? DesiredOutcomesCount { get; init; }
        public string? OutcomesAchieved { get; init; }
    }
}
