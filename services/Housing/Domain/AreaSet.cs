namespace Platform.Housing.Domain;

public sealed record GeoCircle(double Latitude, double Longitude, double RadiusKm);

/// <summary>
/// Preferred areas or exclusion zones: local authorities and circles around a point. Each circle
/// keeps a bounding box, so the great-circle distance is computed only for units near it.
/// </summary>
public sealed class AreaSet
{
    public static readonly AreaSet Empty = new([], []);

    private const double KmPerDegree = 111.2;

    private readonly HashSet<int> _areaKeys;
    private readonly Box[] _boxes;

    public AreaSet(IReadOnlyCollection<string> localAuthorities, IReadOnlyList<GeoCircle> circles)
    {
        LocalAuthorities = localAuthorities;
        Circles = circles;
        _areaKeys = localAuthorities.Select(AreaKey.Of).Where(key => key != AreaKey.Unknown).ToHashSet();
        _boxes = circles.Select(Box.Around).ToArray();
    }

    public IReadOnlyCollection<string> LocalAuthorities { get; }

    public IReadOnlyList<GeoCircle> Circles { get; }

    public bool IsEmpty => LocalAuthorities.Count == 0 && Circles.Count == 0;

    public bool ContainsArea(int areaKey) => areaKey != AreaKey.Unknown && _areaKeys.Count > 0 && _areaKeys.Contains(areaKey);

    /// <summary>The first circle the unit lies in, if any.</summary>
    public GeoCircle? CircleAround(UnitEntry unit)
    {
        if (_boxes.Length == 0 || !unit.HasCoordinates)
        {
            return null;
        }
        for (var i = 0; i < _boxes.Length; i++)
        {
            var circle = Circles[i];
            if (_boxes[i].Holds(unit.Latitude, unit.Longitude)
                && GeoDistance.Km(circle.Latitude, circle.Longitude, unit.Latitude, unit.Longitude) <= circle.RadiusKm)
            {
                return circle;
            }
        }
        return null;
    }

    public bool Contains(UnitEntry unit) => ContainsArea(unit.AreaKey) || CircleAround(unit) is not null;

    /// <summary>
    /// Kilometres from the unit to the nearest circle's edge; null when there is no circle or no
    /// coordinates. A flat-earth distance: it orders placements, where a fraction of a percent does not matter.
    /// </summary>
    public double? KmOutside(UnitEntry unit)
    {
        if (!unit.HasCoordinates || _boxes.Length == 0)
        {
            return null;
        }
        var nearest = double.MaxValue;
        for (var i = 0; i < _boxes.Length; i++)
        {
            var dLat = (unit.Latitude - Circles[i].Latitude) * KmPerDegree;
            var dLon = (unit.Longitude - Circles[i].Longitude) * KmPerDegree * _boxes[i].LongitudeScale;
            nearest = Math.Min(nearest, Math.Max(0, Math.Sqrt((dLat * dLat) + (dLon * dLon)) - Circles[i].RadiusKm));
        }
        return nearest;
    }

    /// <summary>Latitude and longitude bounds a little wider than the circle: outside them the unit is certainly outside it.</summary>
    private readonly record struct Box(double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude, double LongitudeScale)
    {
        public static Box Around(GeoCircle c)
        {
            var latitudeDegrees = (c.RadiusKm * 1.01 / KmPerDegree) + 1e-6;
            var scale = Math.Cos(c.Latitude * Math.PI / 180);
            var longitudeDegrees = Math.Abs(scale) < 0.01 || latitudeDegrees > 45 ? 360 : (latitudeDegrees / Math.Cos(Math.Min(89, Math.Abs(c.Latitude) + latitudeDegrees) * Math.PI / 180)) + 1e-6;
            return new Box(c.Latitude - latitudeDegrees, c.Latitude + latitudeDegrees, c.Longitude - longitudeDegrees, c.Longitude + longitudeDegrees, scale);
        }

        /// <summary>Longitudes compared on the circle, so a box across the antimeridian still works.</summary>
        public bool Holds(double latitude, double longitude)
        {
            if (latitude < MinLatitude || latitude > MaxLatitude)
            {
                return false;
            }
            var half = (MaxLongitude - MinLongitude) / 2;
            var centre = MinLongitude + half;
            var delta = Math.Abs(((longitude - centre + 540) % 360) - 180);
            return half >= 180 || delta <= half;
        }
    }
}
