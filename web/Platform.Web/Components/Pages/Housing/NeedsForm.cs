using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.Housing.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Housing;

/// <summary>
/// Her housing needs as typed: areas are lines of text (a GSS code, or latitude, longitude and a radius
/// in km), kept exactly as typed when the platform or the form refuses them, so nothing is lost.
/// </summary>
public sealed class NeedsForm
{
    public static readonly FormFields Fields = new FormFields()
        .Add("profile.children_ages", "children", "Children's ages")
        .Add("profile.support_hours_needed", "support-hours", "Support hours a week")
        .Add("profile.risk_level", "risk", "Risk level")
        .Add("profile.preferred_areas", "preferred", "A preferred area")
        .Add("profile.exclusion_zones", "exclusions", "An exclusion zone")
        .Add("expected_version", "preferred", "The profile")
        .Add("profile", "circumstances", "The profile");

    public static readonly IReadOnlyList<(string Value, string Label)> CircumstanceChoices =
    [
        ("alcohol", "Active alcohol use"), ("drugs", "Active drug use"), ("mental-health", "Mental health needs"),
        ("dual-diagnosis", "Dual diagnosis"), ("violence", "History of violence"), ("arson", "History of arson"),
        ("sexual-offences", "History of sexual offences"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label, string? Hint)> NeedChoices =
    [
        ("women-only", "Women-only provision", null),
        ("trauma-informed", "A trauma-informed / psychologically informed environment",
            "A hard rule: placements that do not provide one are excluded, not only ranked lower"),
        ("staffing", "24-hour staffing", null),
        ("benefit", "Relies on housing benefit", null),
        ("fleeing", "Fleeing domestic abuse", "No local connection is required (Domestic Abuse Act 2021)"),
        ("pets", "Pets", null),
        ("partner", "A partner coming with her", null),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> AccessChoices =
        [("wheelchair", "Wheelchair access"), ("ground-floor", "Ground floor"), ("lift", "Lift")];

    public static readonly IReadOnlyList<(RiskLevel Level, string Label)> RiskChoices =
        [(RiskLevel.Standard, "Standard"), (RiskLevel.Medium, "Medium"), (RiskLevel.High, "High")];

    public IReadOnlySet<string> Circumstances { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Needs { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Access { get; init; } = new HashSet<string>();
    public string Children { get; init; } = "";
    public string SupportHours { get; init; } = "";
    public RiskLevel Risk { get; init; } = RiskLevel.Standard;
    public string Preferred { get; init; } = "";
    public string Exclusions { get; init; } = "";
    public long Version { get; init; }

    public static NeedsForm From(IFormCollection form)
    {
        var typed = new PostedFields("needs", form);
        return new NeedsForm
        {
            Circumstances = typed.Choices("circumstances"),
            Needs = typed.Choices("needs"),
            Access = typed.Choices("access"),
            Children = typed["children"],
            SupportHours = typed["supportHours"],
            Risk = typed.Enum<RiskLevel>("risk"),
            Preferred = typed.Raw("preferred"),
            Exclusions = typed.Raw("exclusions"),
            // The version the page was drawn from, written by the page itself: anything else is no version.
            Version = long.TryParse(typed.Raw("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0,
        };
    }

    public static NeedsForm FromProfile(NeedsProfile p)
    {
        var c = p.Circumstances ?? new Platform.Housing.V1.Circumstances();
        return new NeedsForm
        {
            Circumstances = Flags((c.ActiveAlcoholUse, "alcohol"), (c.ActiveDrugUse, "drugs"), (c.MentalHealthNeeds, "mental-health"),
                (c.DualDiagnosis, "dual-diagnosis"), (c.HistoryOfViolence, "violence"), (c.Arson, "arson"), (c.SexualOffences, "sexual-offences")),
            Needs = Flags((p.WomenOnly, "women-only"), (p.NeedsTraumaInformed, "trauma-informed"), (p.Needs24HourStaffing, "staffing"),
                (p.NeedsHousingBenefit, "benefit"), (p.FleeingDomesticAbuse, "fleeing"), (p.Pets, "pets"), (p.Partner, "partner")),
            Access = Flags((p.Accessibility?.Wheelchair == true, "wheelchair"), (p.Accessibility?.GroundFloor == true, "ground-floor"),
                (p.Accessibility?.Lift == true, "lift")),
            Children = string.Join(", ", p.ChildrenAges),
            SupportHours = p.SupportHoursNeeded.ToString(CultureInfo.InvariantCulture),
            Risk = p.RiskLevel == RiskLevel.Unspecified ? RiskLevel.Standard : p.RiskLevel,
            Preferred = string.Join("\n", p.PreferredAreas.Select(AreaText)),
            Exclusions = string.Join("\n", p.ExclusionZones.Select(AreaText)),
            Version = p.Version,
        };
    }

    /// <summary>An area as the form shows it: its GSS code, or "latitude, longitude, radius km".</summary>
    public static string AreaText(Area area) => area.KindCase == Area.KindOneofCase.Circle
        ? string.Create(CultureInfo.InvariantCulture, $"{area.Circle.Latitude}, {area.Circle.Longitude}, {area.Circle.RadiusKm} km")
        : area.LocalAuthority;

    /// <summary>The profile as the platform takes it, or what must be answered first.</summary>
    public (NeedsProfile Profile, List<FieldProblem> Problems) ToProfile()
    {
        var problems = new List<FieldProblem>();
        var profile = new NeedsProfile
        {
            Circumstances = new Platform.Housing.V1.Circumstances
            {
                ActiveAlcoholUse = Circumstances.Contains("alcohol"), ActiveDrugUse = Circumstances.Contains("drugs"),
                MentalHealthNeeds = Circumstances.Contains("mental-health"), DualDiagnosis = Circumstances.Contains("dual-diagnosis"),
                HistoryOfViolence = Circumstances.Contains("violence"), Arson = Circumstances.Contains("arson"),
                SexualOffences = Circumstances.Contains("sexual-offences"),
            },
            WomenOnly = Needs.Contains("women-only"), NeedsTraumaInformed = Needs.Contains("trauma-informed"),
            Needs24HourStaffing = Needs.Contains("staffing"), NeedsHousingBenefit = Needs.Contains("benefit"),
            FleeingDomesticAbuse = Needs.Contains("fleeing"), Pets = Needs.Contains("pets"), Partner = Needs.Contains("partner"),
            Accessibility = new AccessibilityNeeds
            {
                Wheelchair = Access.Contains("wheelchair"), GroundFloor = Access.Contains("ground-floor"), Lift = Access.Contains("lift"),
            },
            RiskLevel = Risk,
        };
        foreach (var age in Children.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (PostedFields.WholeNumber(age, out var years))
            {
                profile.ChildrenAges.Add(years);
            }
            else
            {
                problems.Add(new FieldProblem("profile.children_ages", "must be ages in years separated by commas, such as 4, 9"));
                break;
            }
        }
        if (SupportHours.Length > 0)
        {
            if (PostedFields.WholeNumber(SupportHours, out var hours))
            {
                profile.SupportHoursNeeded = hours;
            }
            else
            {
                problems.Add(new FieldProblem("profile.support_hours_needed", "must be a whole number of hours, such as 10"));
            }
        }
        if (Risk == RiskLevel.Unspecified)
        {
            problems.Add(new FieldProblem("profile.risk_level", "must be chosen"));
        }
        Areas(Preferred, "profile.preferred_areas", profile.PreferredAreas, problems);
        Areas(Exclusions, "profile.exclusion_zones", profile.ExclusionZones, problems);
        return (profile, problems);
    }

    /// <summary>One area a line: a GSS code, or latitude, longitude and radius (km) separated by commas.</summary>
    public static void Areas(string text, string field, ICollection<Area> into, List<FieldProblem> problems)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Replace("km", "", StringComparison.OrdinalIgnoreCase).Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 1 && parts[0].Length == 9 && char.IsLetter(parts[0][0]) && parts[0][1..].All(char.IsAsciiDigit))
            {
                into.Add(new Area { LocalAuthority = parts[0].ToUpperInvariant() });
            }
            else if (parts.Length == 3 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                var n = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                into.Add(new Area { Circle = new Circle { Latitude = n[0], Longitude = n[1], RadiusKm = n[2] } });
            }
            else
            {
                problems.Add(new FieldProblem($"{field}[{i}]",
                    $"on line {i + 1} must be a GSS code such as E06000023, or latitude, longitude and radius in km such as 51.46, -2.55, 2"));
            }
        }
    }

    private static HashSet<string> Flags(params (bool On, string Value)[] flags) => flags.Where(f => f.On).Select(f => f.Value).ToHashSet();
}
