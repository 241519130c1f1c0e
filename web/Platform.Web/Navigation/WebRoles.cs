using Platform.BuildingBlocks.Security;

namespace Platform.Web.Navigation;

/// <summary>Who opens which folder of pages (the platform's roles; the platform decides each record).</summary>
public static class WebRoles
{
    /// <summary>A person's record and chronology: every role that works with people.</summary>
    public const string People = PlatformRoles.SupportWorker + "," + PlatformRoles.HousingOfficer + "," + PlatformRoles.SafeguardingLead + "," + PlatformRoles.Admin;

    /// <summary>Support work: finding and registering people, contacts, outreach and handovers.</summary>
    public const string Support = PlatformRoles.SupportWorker + "," + PlatformRoles.SafeguardingLead + "," + PlatformRoles.Admin;

    /// <summary>Housing: the catalogue, needs profiles, matches, offers and tenancies, breakdown rates.</summary>
    public const string Housing = PlatformRoles.HousingOfficer + "," + PlatformRoles.Admin;

    /// <summary>
    /// Safeguarding: anyone doing support work may raise a concern, answer the DASH checklist and see her
    /// safeguarding record as the platform shows it to them; the platform keeps the lead's acts (a plan,
    /// the area's worklist) to safeguarding leads and says so.
    /// </summary>
    public const string Safeguarding = PlatformRoles.SupportWorker + "," + PlatformRoles.SafeguardingLead + "," + PlatformRoles.Admin;

    /// <summary>The Safeguarding Adults Board's figures: the leads of an area.</summary>
    public const string SafeguardingLeads = PlatformRoles.SafeguardingLead + "," + PlatformRoles.Admin;

    /// <summary>The platform's audit trail: those the platform lets read it (auditors, not administrators).</summary>
    public const string Auditors = PlatformRoles.AuditReaders;
}
