using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Data;
using Platform.Engagement.Disengagement;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>
/// Two records found to be one person: an episode open on the record that no longer stands for her
/// ends, and the group is checked again as one person.
/// </summary>
public sealed class PersonsLinkedConsumer(EngagementDatabase database, EpisodeStore episodes, DisengagementMonitor monitor, TimeProvider clock)
    : IdempotentConsumer<PersonsLinked, EngagementDatabase>(database)
{
    protected override async Task HandleAsync(PersonsLinked message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await episodes.OpenAsync(db, tx, message.OtherPersonId) is { } open)
        {
            await episodes.EndAsync(db, tx, open.EpisodeId, now, contactId: null);
        }
        // The group as the link makes it, whether or not the access projection has applied the link yet.
        var survivor = await ProjectedPeople.GroupAsync(db, tx, message.PersonId);
        var other = await ProjectedPeople.GroupAsync(db, tx, message.OtherPersonId);
        IReadOnlyList<string> group = [message.PersonId, .. survivor.Concat(other).Append(message.OtherPersonId)
            .Where(id => id != message.PersonId).Distinct(StringComparer.Ordinal)];
        await monitor.EvaluateGroupsAsync(db, tx, [group], new Dictionary<string, string?>(), now);
    }
}
