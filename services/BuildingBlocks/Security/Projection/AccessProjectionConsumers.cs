using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Registry;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// Keep the access projection in step with the registry. Each is idempotent (inbox) and tolerant
/// of order: an involvement that ends before its start arrives is recorded as ended, and the start
/// then changes nothing.
/// </summary>
internal static class AccessProjectionSql
{
    internal const string EnsurePerson =
        "INSERT INTO access_persons (person_id) SELECT @PersonId WHERE NOT EXISTS (SELECT 1 FROM access_persons WHERE person_id = @PersonId)";

    internal const string AddArea =
        """
        INSERT INTO access_areas (person_id, local_authority) SELECT @PersonId, @Area
        WHERE NOT EXISTS (SELECT 1 FROM access_areas WHERE person_id = @PersonId AND local_authority = @Area)
        """;

    internal const string AddInvolvement =
        """
        INSERT INTO access_involvements (involvement_id, person_id, agency, until) SELECT @InvolvementId, @PersonId, @Agency, @Until
        WHERE NOT EXISTS (SELECT 1 FROM access_involvements WHERE involvement_id = @InvolvementId)
        """;

    internal const string EndInvolvement = "UPDATE access_involvements SET until = @Until WHERE involvement_id = @InvolvementId";

    internal const string RemoveShare = "DELETE FROM access_shares WHERE person_id = @PersonId AND agency = @Agency";

    internal const string AddShare = "INSERT INTO access_shares (person_id, agency, until) VALUES (@PersonId, @Agency, @Until)";

    internal const string AddLink =
        """
        INSERT INTO access_links (other_person_id, person_id) SELECT @OtherPersonId, @PersonId
        WHERE NOT EXISTS (SELECT 1 FROM access_links WHERE other_person_id = @OtherPersonId)
        """;

    internal const string MoveFollowers = "UPDATE access_links SET person_id = @PersonId WHERE person_id = @OtherPersonId";

    internal const string RestoreFollower = "UPDATE access_links SET person_id = @OtherPersonId WHERE other_person_id = @FollowerId";

    internal const string RemoveLink = "DELETE FROM access_links WHERE other_person_id = @OtherPersonId AND person_id = @PersonId";

    public static async Task PersonAsync(DbConnection db, DbTransaction tx, string personId, string? area, bool confidential)
    {
        await db.ExecuteAsync(EnsurePerson, new { PersonId = personId }, tx);
        if (area is not null && !confidential)
        {
            await db.ExecuteAsync(AddArea, new { PersonId = personId, Area = area }, tx);
        }
    }
}

public sealed class PersonRegisteredProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<PersonRegistered, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override Task HandleAsync(PersonRegistered message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        AccessProjectionSql.PersonAsync(db, tx, message.PersonId, message.LocalAuthority, message.AddressConfidential);
}

public sealed class PersonMovedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<PersonMoved, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override Task HandleAsync(PersonMoved message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        AccessProjectionSql.PersonAsync(db, tx, message.PersonId, message.ToLocalAuthority, message.AddressConfidential);
}

public sealed class InvolvementStartedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<InvolvementStarted, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override async Task HandleAsync(InvolvementStarted message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await AccessProjectionSql.PersonAsync(db, tx, message.PersonId, null, false);
        await db.ExecuteAsync(AccessProjectionSql.AddInvolvement,
            new { message.InvolvementId, message.PersonId, message.Agency, Until = (DateTimeOffset?)null }, tx);
    }
}

public sealed class InvolvementEndedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<InvolvementEnded, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override async Task HandleAsync(InvolvementEnded message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await AccessProjectionSql.PersonAsync(db, tx, message.PersonId, null, false);
        var until = (DateTimeOffset?)message.Until;
        await db.ExecuteAsync(AccessProjectionSql.AddInvolvement, new { message.InvolvementId, message.PersonId, message.Agency, Until = until }, tx);
        await db.ExecuteAsync(AccessProjectionSql.EndInvolvement, new { message.InvolvementId, Until = until }, tx);
    }
}

public sealed class RecordSharedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<RecordShared, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override async Task HandleAsync(RecordShared message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await AccessProjectionSql.PersonAsync(db, tx, message.PersonId, null, false);
        await db.ExecuteAsync(AccessProjectionSql.RemoveShare, new { message.PersonId, message.Agency }, tx);
        await db.ExecuteAsync(AccessProjectionSql.AddShare, new { message.PersonId, message.Agency, message.Until }, tx);
    }
}

public sealed class PersonsLinkedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<PersonsLinked, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override async Task HandleAsync(PersonsLinked message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(AccessProjectionSql.MoveFollowers, new { message.PersonId, message.OtherPersonId }, tx);
        await db.ExecuteAsync(AccessProjectionSql.AddLink, new { message.PersonId, message.OtherPersonId }, tx);
    }
}

public sealed class PersonsUnlinkedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<PersonsUnlinked, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override async Task HandleAsync(PersonsUnlinked message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(AccessProjectionSql.RemoveLink, new { message.PersonId, message.OtherPersonId }, tx);
        // Records that had followed the other record to the survivor go back with it.
        await db.ExecuteAsync(AccessProjectionSql.RestoreFollower,
            message.RestoredPersonIds.Select(id => new { FollowerId = id, message.OtherPersonId }), tx);
    }
}
