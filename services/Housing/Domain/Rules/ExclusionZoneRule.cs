namespace Platform.Housing.Domain.Rules;

/// <summary>
/// Nobody is referred into an area where she would be at risk. A unit whose location is not
/// recorded cannot be shown to be outside the zones, so it fails when she has any.
/// </summary>
public sealed class ExclusionZoneRule : HardRule
{
    public override string Name => "exclusion-zone";

    public override bool CanFail(MatchSubject who) => !who.Exclusions.IsEmpty;

    public override bool Passes(MatchSubject who, UnitEntry unit)
    {
        var zones = who.Exclusions;
        if (zones.IsEmpty)
        {
            return true;
        }
        if (zones.ContainsArea(unit.AreaKey))
        {
            return false;
        }
        if (zones.Circles.Count > 0 && !unit.HasCoordinates)
        {
            return false;
        }
        if (zones.LocalAuthorities.Count > 0 && unit.AreaKey == AreaKey.Unknown)
        {
            return false;
        }
        return zones.CircleAround(unit) is null;
    }

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed)
    {
        var zones = who.Exclusions;
        if (zones.IsEmpty)
        {
            return "she has no exclusion zones";
        }
        if (passed)
        {
            return "outside every exclusion zone";
        }
        if (zones.ContainsArea(unit.AreaKey))
        {
            return $"inside an exclusion zone: the local authority {unit.LocalAuthority}";
        }
        return zones.CircleAround(unit) is { } circle
            ? $"inside an exclusion zone: within {circle.RadiusKm:0.#} km of a point she must be kept away from"
            : "the placement's location is not recorded, so it cannot be shown to be outside her exclusion zones";
    }
}
