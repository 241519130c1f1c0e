using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;

namespace Platform.Engagement.Chronology;

/// <summary>Writes a source's entries for each event it receives, once (the inbox sees to that).</summary>
public sealed class ChronologyConsumer<TEvent, TSource>(EngagementDatabase database, TSource source, ChronologyWriter writer)
    : IdempotentConsumer<TEvent, EngagementDatabase>(database)
    where TEvent : class
    where TSource : IChronologySource<TEvent>
{
    protected override Task HandleAsync(TEvent message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var entries = source.Entries(message).ToList();
        return entries.Count == 0 ? Task.CompletedTask : writer.WriteAsync(db, tx, entries);
    }
}
