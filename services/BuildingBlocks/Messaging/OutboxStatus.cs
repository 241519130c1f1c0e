using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>How far a service's outbox is behind: the age of its oldest unsent row, and how many rows are parked.</summary>
public sealed record OutboxStatus(TimeSpan Lag, long Parked)
{
    public static async Task<OutboxStatus> ReadAsync(ServiceDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var row = await db.QuerySingleAsync<StatusRow>(new CommandDefinition(
            OutboxStatements.Status(database.Dialect), cancellationToken: cancellationToken));
        var lag = row.OldestUnsent is { } oldest && row.Now > oldest ? row.Now - oldest : TimeSpan.Zero;
        return new OutboxStatus(lag, row.Parked);
    }

    private sealed class StatusRow
    {
        public DateTimeOffset Now { get; set; }
        public DateTimeOffset? OldestUnsent { get; set; }
        public long Parked { get; set; }
    }
}
