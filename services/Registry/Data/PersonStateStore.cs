using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Data;

namespace Platform.Registry.Data;

/// <summary>One record's state as other services need it: what decides access to it, and its address timeline.</summary>
public sealed record PersonState(
    string PersonId,
    long Sequence,
    string? LinkedTo,
    IReadOnlyList<PersonStateStore.InvolvementState> Involvements,
    IReadOnlyList<PersonStateStore.ShareState> Shares,
    IReadOnlyList<PersonStateStore.AddressState> Addresses);

/// <summary>
/// The per-record sequence of that state and the statements that read it. The sequence is taken by
/// an update of the record's row, so two changes to one record at once take turns and the later
/// commit publishes the higher sequence with the state both made.
/// </summary>
public sealed class PersonStateStore
{
    internal const string NextSequence =
        "UPDATE persons SET access_sequence = access_sequence + 1, state_unpublished = 0 WHERE person_id = @PersonId";

    internal const string SelectSequence = "SELECT access_sequence AS Sequence, linked_to AS LinkedTo FROM persons WHERE person_id = @PersonId";

    internal const string SelectInvolvements =
        "SELECT involvement_id AS InvolvementId, agency AS Agency, since AS Since, until AS Until FROM involvements WHERE person_id = @PersonId ORDER BY since, involvement_id";

    internal const string SelectShares = "SELECT agency AS Agency, until AS Until FROM sharing_records WHERE person_id = @PersonId";

    /// <summary>Only addresses that are not confidential: a confidential one leaves the registry with neither its area nor its period.</summary>
    internal const string SelectAddresses =
        """
        SELECT local_authority AS LocalAuthority, valid_from AS ValidFrom, valid_until AS ValidUntil
        FROM addresses WHERE person_id = @PersonId AND confidential = 0 ORDER BY valid_from, address_id
        """;

    internal static string SelectUnpublished(SqlDialect dialect) =>
        $"SELECT person_id FROM persons WHERE state_unpublished = 1 ORDER BY person_id {dialect.Page("@Take")}";

    public sealed class InvolvementState
    {
        public string InvolvementId { get; set; } = "";
        public string Agency { get; set; } = "";
        public DateTimeOffset Since { get; set; }
        public DateTimeOffset? Until { get; set; }
    }

    public sealed class ShareState
    {
        public string Agency { get; set; } = "";
        public DateTimeOffset? Until { get; set; }
    }

    public sealed class AddressState
    {
        public string LocalAuthority { get; set; } = "";
        public DateTimeOffset ValidFrom { get; set; }
        public DateTimeOffset? ValidUntil { get; set; }
    }

    private sealed class SequenceRow
    {
        public long Sequence { get; set; }
        public string? LinkedTo { get; set; }
    }

    /// <summary>Moves the record to its next sequence and reads its state as this transaction sees it.</summary>
    public async Task<PersonState> NextAsync(DbConnection db, DbTransaction tx, string personId)
    {
        var parameters = new { PersonId = personId };
        await db.ExecuteAsync(NextSequence, parameters, tx);
        var row = await db.QuerySingleAsync<SequenceRow>(SelectSequence, parameters, tx);
        var involvements = await db.QueryAsync<InvolvementState>(SelectInvolvements, parameters, tx);
        var shares = await db.QueryAsync<ShareState>(SelectShares, parameters, tx);
        var addresses = await db.QueryAsync<AddressState>(SelectAddresses, parameters, tx);
        return new PersonState(personId, row.Sequence, row.LinkedTo, involvements.AsList(), shares.AsList(), addresses.AsList());
    }

    /// <summary>Records whose state was never published (they existed before snapshots were).</summary>
    public async Task<IReadOnlyList<string>> UnpublishedAsync(DbConnection db, DbTransaction tx, SqlDialect dialect, int take) =>
        (await db.QueryAsync<string>(SelectUnpublished(dialect), new { Take = take }, tx)).AsList();
}
