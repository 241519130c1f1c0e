using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Registry;

namespace Platform.BuildingBlocks.Security.Projection;

/// <summary>
/// Keeps the access projection at the registry's state: each record's newest snapshot replaces what
/// was held for it, and an older one (it arrived late, or was delivered again) changes nothing. The
/// registry's sequence orders them, so every order of arrival ends in the same projection.
/// </summary>
public sealed class PersonAccessChangedProjector<TDatabase>(TDatabase database)
    : IdempotentConsumer<PersonAccessChanged, TDatabase>(database) where TDatabase : ServiceDatabase
{
    protected override Task HandleAsync(PersonAccessChanged message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken) =>
        AccessSnapshots.ApplyAsync(db, tx, message);
}

internal static class AccessSnapshots
{
    internal const string ClaimSequence = "UPDATE access_persons SET sequence = @Sequence WHERE person_id = @PersonId AND sequence < @Sequence";

    internal const string InsertPerson =
        """
        INSERT INTO access_persons (person_id, sequence) SELECT @PersonId, @Sequence
        WHERE NOT EXISTS (SELECT 1 FROM access_persons WHERE person_id = @PersonId)
        """;

    internal const string DeleteInvolvements = "DELETE FROM access_involvements WHERE person_id = @PersonId";
    internal const string InsertInvolvement = "INSERT INTO access_involvements (involvement_id, person_id, agency, until) VALUES (@InvolvementId, @PersonId, @Agency, @Until)";
    internal const string DeleteAreas = "DELETE FROM access_areas WHERE person_id = @PersonId";
    internal const string InsertArea = "INSERT INTO access_areas (person_id, local_authority) VALUES (@PersonId, @Area)";
    internal const string DeleteShares = "DELETE FROM access_shares WHERE person_id = @PersonId";
    internal const string InsertShare = "INSERT INTO access_shares (person_id, agency, until) VALUES (@PersonId, @Agency, @Until)";
    internal const string DeleteLink = "DELETE FROM access_links WHERE other_person_id = @PersonId";
    internal const string InsertLink = "INSERT INTO access_links (other_person_id, person_id) VALUES (@PersonId, @LinkedTo)";

    /// <summary>Replaces the record's rows with the snapshot if it is newer than the one held; false when it is not.</summary>
    public static async Task<bool> ApplyAsync(DbConnection db, DbTransaction tx, PersonAccessChanged snapshot)
    {
        var person = new { snapshot.PersonId, snapshot.Sequence };
        if (await db.ExecuteAsync(ClaimSequence, person, tx) == 0 && await db.ExecuteAsync(InsertPerson, person, tx) == 0)
        {
            return false;
        }
        await db.ExecuteAsync(DeleteInvolvements, person, tx);
        await db.ExecuteAsync(InsertInvolvement,
            snapshot.Involvements.Select(i => new { i.InvolvementId, snapshot.PersonId, i.Agency, i.Until }), tx);
        await db.ExecuteAsync(DeleteAreas, person, tx);
        await db.ExecuteAsync(InsertArea, snapshot.Areas.Distinct(StringComparer.Ordinal).Select(area => new { snapshot.PersonId, Area = area }), tx);
        await db.ExecuteAsync(DeleteShares, person, tx);
        await db.ExecuteAsync(InsertShare, snapshot.Shares.Select(s => new { snapshot.PersonId, s.Agency, s.Until }), tx);
        await db.ExecuteAsync(DeleteLink, person, tx);
        if (snapshot.LinkedTo is not null)
        {
            await db.ExecuteAsync(InsertLink, new { snapshot.PersonId, snapshot.LinkedTo }, tx);
        }
        return true;
    }
}
