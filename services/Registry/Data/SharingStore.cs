using System.Data.Common;
using Dapper;

namespace Platform.Registry.Data;

public sealed class SharingRow
{
    public string SharingId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Agency { get; set; } = "";
    public int LawfulBasis { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? Until { get; set; }
    public string GrantedByAgency { get; set; } = "";
}

public sealed class SharingStore
{
    internal const string Insert =
        """
        INSERT INTO sharing_records (sharing_id, person_id, agency, lawful_basis, reason, granted_at, until, granted_by_agency)
        VALUES (@SharingId, @PersonId, @Agency, @LawfulBasis, @Reason, @GrantedAt, @Until, @GrantedByAgency)
        """;

    public Task InsertAsync(DbConnection db, DbTransaction tx, SharingRow row) => db.ExecuteAsync(Insert, row, tx);
}
