using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Validation;
using Platform.Housing.Domain;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>Field checks shared by the handlers; each names the field so the caller can fix it.</summary>
public static class RequestValidation
{
    public const int NameLength = 200;
    public const int ReasonLength = 1000;
    public const int MaxChildren = 20;
    public const double MaxRadiusKm = 1000;
    public const string GssMessage = "must be a GSS code: a letter E, W, S, N or K and eight digits, e.g. E06000023";

    public static Validator Version(this Validator v, long expectedVersion) =>
        v.Check(expectedVersion > 0, "expected_version", "is required: the version you read");

    public static Validator Latitude(this Validator v, double value, string field) =>
        v.Check(GeoDistance.IsValidLatitude(value), field, "must be between -90 and 90");

    public static Validator Longitude(this Validator v, double value, string field) =>
        v.Check(GeoDistance.IsValidLongitude(value), field, "must be between -180 and 180");

    public static Validator Gss(this Validator v, string value, string field) => v.Check(GssCode.IsValid(value), field, GssMessage);

    public static Validator Attributes(this Validator v, PlacementAttributes? a, string field)
    {
        if (a is null)
        {
            return v;
        }
        if (a.HasType)
        {
            v.KnownEnum(a.Type, $"{field}.type");
        }
        if (a.HasMaxRiskLevel)
        {
            v.KnownEnum(a.MaxRiskLevel, $"{field}.max_risk_level");
        }
        if (a.Location is { } l)
        {
            _ = l.HasLatitude ? v.Latitude(l.Latitude, $"{field}.location.latitude") : v;
            _ = l.HasLongitude ? v.Longitude(l.Longitude, $"{field}.location.longitude") : v;
            _ = l.HasLocalAuthority ? v.Gss(l.LocalAuthority, $"{field}.location.local_authority") : v;
        }
        if (a.Support is { HasSupportHoursPerWeek: true } s)
        {
            v.Check(s.SupportHoursPerWeek is >= 0 and <= 168, $"{field}.support.support_hours_per_week", "must be between 0 and 168");
        }
        if (a.Accepts is { } acc)
        {
            v.Check(acc.MaxChildren is >= 0 and <= MaxChildren, $"{field}.accepts.max_children", $"must be between 0 and {MaxChildren}");
            v.Check(acc.MinChildAge is >= 0 and <= 17, $"{field}.accepts.min_child_age", "must be between 0 and 17");
            v.Check(acc.MaxChildAge is >= 0 and <= 17, $"{field}.accepts.max_child_age", "must be between 0 and 17");
            v.Check(!(acc.HasMinChildAge && acc.HasMaxChildAge) || acc.MinChildAge <= acc.MaxChildAge,
                $"{field}.accepts.min_child_age", "must not be above max_child_age");
        }
        return v.Check(a.WeeklyCostPence >= 0, $"{field}.weekly_cost_pence", "must not be negative");
    }

    public static Validator Needs(this Validator v, NeedsProfile? p, string field)
    {
        if (p is null)
        {
            return v.Add(field, "is required");
        }
        v.Check(p.ChildrenAges.Count <= MaxChildren, $"{field}.children_ages", $"must list at most {MaxChildren} children");
        for (var i = 0; i < p.ChildrenAges.Count; i++)
        {
            v.Check(p.ChildrenAges[i] is >= 0 and <= 17, $"{field}.children_ages[{i}]", "must be between 0 and 17");
        }
        v.Check(p.SupportHoursNeeded is >= 0 and <= 168, $"{field}.support_hours_needed", "must be between 0 and 168");
        v.Check(Enum.IsDefined(p.RiskLevel), $"{field}.risk_level", $"has unknown value {(int)p.RiskLevel}");
        Areas(v, p.PreferredAreas, $"{field}.preferred_areas");
        return Areas(v, p.ExclusionZones, $"{field}.exclusion_zones");
    }

    private static Validator Areas(Validator v, IReadOnlyList<Area> areas, string field)
    {
        v.Check(areas.Count <= 50, field, "must list at most 50 areas");
        for (var i = 0; i < areas.Count; i++)
        {
            var at = $"{field}[{i}]";
            switch (areas[i].KindCase)
            {
                case Area.KindOneofCase.LocalAuthority:
                    v.Gss(areas[i].LocalAuthority, $"{at}.local_authority");
                    break;
                case Area.KindOneofCase.Circle:
                    var c = areas[i].Circle;
                    v.Latitude(c.Latitude, $"{at}.circle.latitude").Longitude(c.Longitude, $"{at}.circle.longitude")
                        .Check(double.IsFinite(c.RadiusKm) && c.RadiusKm > 0 && c.RadiusKm <= MaxRadiusKm, $"{at}.circle.radius_km",
                            $"must be more than 0 and at most {MaxRadiusKm} km");
                    break;
                default:
                    v.Add(at, "must be a local_authority or a circle");
                    break;
            }
        }
        return v;
    }

    /// <summary>GSS codes typed by people: trimmed and upper-cased before they are checked and stored.</summary>
    public static void NormaliseCodes(PlacementAttributes? a)
    {
        if (a?.Location is { HasLocalAuthority: true } l)
        {
            l.LocalAuthority = GssCode.Normalise(l.LocalAuthority) ?? "";
        }
    }

    public static void NormaliseCodes(NeedsProfile? p)
    {
        foreach (var area in p?.PreferredAreas.Concat(p.ExclusionZones) ?? [])
        {
            if (area.KindCase == Area.KindOneofCase.LocalAuthority)
            {
                area.LocalAuthority = GssCode.Normalise(area.LocalAuthority) ?? "";
            }
        }
    }
}
