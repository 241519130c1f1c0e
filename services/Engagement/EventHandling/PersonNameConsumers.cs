using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement.Data;
using Platform.IntegrationEvents.Registry;

namespace Platform.Engagement.EventHandling;

/// <summary>Her usual name when she is registered (her record's first version), for her chronology and others'.</summary>
public sealed class PersonRegisteredConsumer(EngagementDatabase database, PersonNameStore names)
    : IdempotentConsumer<PersonRegistered, EngagementDatabase>(database)
{
    protected override Task HandleAsync(PersonRegistered message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        message.DisplayName is { Length: > 0 } name ? names.SetAsync(db, tx, message.PersonId, name, 1) : Task.CompletedTask;
}

/// <summary>Her usual name as her record now stands.</summary>
public sealed class PersonUpdatedConsumer(EngagementDatabase database, PersonNameStore names)
    : IdempotentConsumer<PersonUpdated, EngagementDatabase>(database)
{
    protected override Task HandleAsync(PersonUpdated message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        message.DisplayName is { Length: > 0 } name ? names.SetAsync(db, tx, message.PersonId, name, message.Version) : Task.CompletedTask;
}
