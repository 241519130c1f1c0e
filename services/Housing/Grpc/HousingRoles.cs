using Platform.BuildingBlocks.Security;

namespace Platform.Housing.Grpc;

/// <summary>Who may do what in housing, narrowing the platform's roles.</summary>
public static class HousingRoles
{
    /// <summary>Keep the catalogue, make offers, record tenancies.</summary>
    public const string Officers = PlatformRoles.HousingOfficer + "," + PlatformRoles.Admin;

    /// <summary>Set a needs profile and search placements: housing officers and the support worker beside her.</summary>
    public const string Matchers = PlatformRoles.HousingOfficer + "," + PlatformRoles.SupportWorker + "," + PlatformRoles.Admin;

    /// <summary>Read the catalogue, offers and tenancies.</summary>
    public const string Readers = PlatformRoles.Caseworkers;
}
