namespace Platform.BuildingBlocks.Security;

public static class PlatformRoles
{
    public const string SupportWorker = "support_worker";
    public const string HousingOfficer = "housing_officer";
    public const string SafeguardingLead = "safeguarding_lead";
    public const string PartnerSystem = "partner_system";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    /// <summary>Roles that work with people's records (auditors read only the audit trail).</summary>
    public const string Caseworkers = "support_worker,housing_officer,safeguarding_lead,partner_system,admin";

    /// <summary>
    /// Who reads the audit trail: auditors alone. Not admins: the trail is how the widest access to
    /// records (an admin's) is held to account, and it is itself personal data (which agencies dealt
    /// with whom). An admin who must read it is given the auditor role, a grant the identity provider records.
    /// </summary>
    public const string AuditReaders = Auditor;

    /// <summary>The caseworker roles as a set, for access decisions.</summary>
    public static readonly IReadOnlySet<string> CaseworkerSet = Caseworkers.Split(',').ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        SupportWorker, HousingOfficer, SafeguardingLead, PartnerSystem, Auditor, Admin,
    };
}

public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    /// <summary>The caller's organisation, e.g. "outreach-bristol".</summary>
    public const string Agency = "agency";
    /// <summary>GSS code of the caller's local authority.</summary>
    public const string Area = "area";
}
