using System.Data.Common;
using Dapper;

namespace Platform.Housing.Data;

/// <summary>A unit's and its scheme's names, as events about her offers and tenancies carry them for her chronology.</summary>
public sealed class PlaceName
{
    public string? Unit { get; set; }
    public string? Scheme { get; set; }
}

public static class PlaceNames
{
    internal const string Select =
        "SELECT u.name AS Unit, s.name AS Scheme FROM units u JOIN schemes s ON s.scheme_id = u.scheme_id WHERE u.unit_id = @UnitId";

    public static async Task<PlaceName> OfUnitAsync(DbConnection db, DbTransaction tx, string unitId) =>
        await db.QuerySingleOrDefaultAsync<PlaceName>(Select, new { UnitId = unitId }, tx) ?? new PlaceName();
}
