using System.Globalization;
using Platform.Housing.V1;
using Platform.Web.Pictures;

namespace Platform.Web.Components.Pages.Housing;

/// <summary>What the match page shows, made from the platform's answer: rule names in words, the schematic's input.</summary>
public static class MatchView
{
    private static readonly Dictionary<string, string> RuleNames = new(StringComparer.Ordinal)
    {
        ["vacancy"] = "No free vacancy",
        ["recently-declined"] = "She declined it recently",
        ["women-only"] = "Not women-only",
        ["risk-level"] = "Cannot keep her risk level safe",
        ["active-alcohol-use"] = "Does not accept active alcohol use",
        ["active-drug-use"] = "Does not accept active drug use",
        ["mental-health-needs"] = "Does not accept mental health needs",
        ["dual-diagnosis"] = "Does not accept dual diagnosis",
        ["history-of-violence"] = "Does not accept a history of violence",
        ["arson"] = "Does not accept a history of arson",
        ["sexual-offences"] = "Does not accept a history of sexual offences",
        ["pets"] = "Does not accept pets",
        ["partner"] = "Does not accept a partner",
        ["children"] = "Cannot take her children",
        ["accessibility"] = "Misses an accessibility need",
        ["24-hour-staffing"] = "Not staffed 24 hours",
        ["trauma-informed"] = "Not a trauma-informed environment",
        ["housing-benefit"] = "Not eligible for housing benefit",
        ["local-connection"] = "Needs a local connection she lacks",
        ["exclusion-zone"] = "Inside an exclusion zone",
    };

    /// <summary>A rule's name as a heading ("Inside an exclusion zone"); an unknown rule by its code.</summary>
    public static string RuleHeading(string rule) => RuleNames.GetValueOrDefault(rule, rule);

    public static string Percent(double value) => value.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Her circles, and every unit of the answer that has a position: fits numbered by rank.</summary>
    public static MatchSchematic Schematic(NeedsProfile? profile, MatchPlacementsResponse matches)
    {
        var areas = new List<SchematicArea>();
        if (profile is not null)
        {
            areas.AddRange(Circles(profile.PreferredAreas, "Preferred", exclusion: false));
            areas.AddRange(Circles(profile.ExclusionZones, "Exclusion zone", exclusion: true));
        }
        var places = matches.Matches.Select((m, i) => Place(m, (i + 1).ToString(CultureInfo.InvariantCulture), fits: true))
            .Concat(matches.Excluded.Select(m => Place(m, "", fits: false)))
            .OfType<SchematicPlace>().ToList();
        return MatchSchematic.Layout(areas, places);
    }

    private static IEnumerable<SchematicArea> Circles(IEnumerable<Area> areas, string label, bool exclusion) =>
        areas.Where(a => a.KindCase == Area.KindOneofCase.Circle).Select((a, i) => new SchematicArea(
            string.Create(CultureInfo.InvariantCulture, $"{label} {i + 1} ({a.Circle.RadiusKm:0.#} km)"), a.Circle.Latitude, a.Circle.Longitude, a.Circle.RadiusKm, exclusion));

    private static SchematicPlace? Place(PlacementMatch match, string label, bool fits) =>
        match.Location is { HasLatitude: true, HasLongitude: true } l ? new SchematicPlace(label, match.UnitName, l.Latitude, l.Longitude, fits) : null;
}
