using System.Globalization;
using Platform.Housing.V1;

namespace Platform.Web.Components.Pages.Housing;

/// <summary>One attribute of a placement as a housing officer reads it, and the level that set it.</summary>
public sealed record PlacementFact(string Label, string Value, string SetBy);

/// <summary>
/// A unit's effective attributes, each with where it comes from: the unit itself, its scheme or its
/// provider (an unset field is inherited from the level above).
/// </summary>
public static class PlacementFacts
{
    public const string Unit = "this unit";
    public const string Scheme = "the scheme";
    public const string Provider = "the provider";
    public const string Nobody = "not set";

    private sealed record Fact(string Label, Func<PlacementAttributes, bool> Has, Func<PlacementAttributes, string> Show);

    private static readonly Fact[] Facts =
    [
        new("Type", a => a.HasType, a => TypeName(a.Type)),
        new("Women only", a => a.HasWomenOnly, a => YesNo(a.WomenOnly)),
        new("Area", a => a.Location?.HasLocalAuthority == true, a => a.Location.LocalAuthority),
        new("Position", a => a.Location is { HasLatitude: true, HasLongitude: true },
            a => string.Create(CultureInfo.InvariantCulture, $"{a.Location.Latitude:0.####}, {a.Location.Longitude:0.####}")),
        new("Staffed 24 hours", a => a.Support?.HasStaffed24Hours == true, a => YesNo(a.Support.Staffed24Hours)),
        new("Support hours a week", a => a.Support?.HasSupportHoursPerWeek == true, a => a.Support.SupportHoursPerWeek.ToString(CultureInfo.InvariantCulture)),
        new("Accepts", a => a.Accepts is not null && Accepted(a.Accepts).Any(), a => string.Join(", ", Accepted(a.Accepts))),
        new("Children", a => a.Accepts?.HasMaxChildren == true,
            a => a.Accepts.MaxChildren == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"up to {a.Accepts.MaxChildren}")),
        new("Accessibility", a => a.Accessibility is { } x && (x.HasWheelchair || x.HasGroundFloor || x.HasLift), a => Access(a.Accessibility)),
        new("Highest risk kept safe", a => a.HasMaxRiskLevel, a => RiskName(a.MaxRiskLevel)),
        new("Local connection required", a => a.HasLocalConnectionRequired, a => YesNo(a.LocalConnectionRequired)),
        new("Trauma-informed environment", a => a.HasTraumaInformed, a => YesNo(a.TraumaInformed)),
        new("Weekly cost", a => a.HasWeeklyCostPence, a => (a.WeeklyCostPence / 100m).ToString("£0.00", CultureInfo.InvariantCulture)),
        new("Housing benefit eligible", a => a.HasHousingBenefitEligible, a => YesNo(a.HousingBenefitEligible)),
    ];

    /// <summary>Every attribute the unit has in effect, with the level that set it.</summary>
    public static IReadOnlyList<PlacementFact> Of(Unit unit, PlacementAttributes? scheme)
    {
        var own = unit.Attributes ?? new PlacementAttributes();
        var effective = unit.EffectiveAttributes ?? new PlacementAttributes();
        return Facts.Where(f => f.Has(effective)).Select(f => new PlacementFact(f.Label, f.Show(effective),
            f.Has(own) ? Unit : scheme is not null && f.Has(scheme) ? Scheme : Provider)).ToList();
    }

    /// <summary>What a provider or scheme sets itself.</summary>
    public static IReadOnlyList<PlacementFact> Set(PlacementAttributes? attributes, string level) =>
        attributes is null ? [] : Facts.Where(f => f.Has(attributes)).Select(f => new PlacementFact(f.Label, f.Show(attributes), level)).ToList();

    public static string TypeName(PlacementType type) => type switch
    {
        PlacementType.Refuge => "Refuge",
        PlacementType.SupportedAccommodation => "Supported accommodation",
        PlacementType.HousingFirst => "Housing First",
        PlacementType.Hostel => "Hostel",
        PlacementType.DispersedFlat => "Dispersed flat",
        PlacementType.SpecialistWomensService => "Specialist women's service",
        _ => "Not set",
    };

    public static string RiskName(RiskLevel level) => level switch
    {
        RiskLevel.High => "High",
        RiskLevel.Medium => "Medium",
        RiskLevel.Standard => "Standard",
        _ => "Not set",
    };

    public static string VacancyText(Vacancy? vacancy) => vacancy switch
    {
        null => "No vacancy",
        { Status: VacancyStatus.Held } v => $"Held by an offer until {Shared.Dates.DayAndTime(v.HoldExpiresAt)}",
        { Status: VacancyStatus.Promised } => "Promised: an offer was accepted",
        { Status: VacancyStatus.Open } v => $"Vacant from {Shared.Dates.Day(v.AvailableFrom)}",
        var v => v.Status.ToString(),
    };

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static IEnumerable<string> Accepted(Accepts a)
    {
        if (a.ActiveAlcoholUse) yield return "active alcohol use";
        if (a.ActiveDrugUse) yield return "active drug use";
        if (a.MentalHealthNeeds) yield return "mental health needs";
        if (a.DualDiagnosis) yield return "dual diagnosis";
        if (a.HistoryOfViolence) yield return "history of violence";
        if (a.Arson) yield return "arson";
        if (a.SexualOffences) yield return "sexual offences";
        if (a.Pets) yield return "pets";
        if (a.Partner) yield return "a partner";
    }

    private static string Access(Accessibility a) => string.Join(", ",
        new[] { (a.Wheelchair, "wheelchair"), (a.GroundFloor, "ground floor"), (a.Lift, "lift") }.Where(x => x.Item1).Select(x => x.Item2)
            .DefaultIfEmpty("none"));
}
