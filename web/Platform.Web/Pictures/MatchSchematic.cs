namespace Platform.Web.Pictures;

/// <summary>A circle she wants to live in, or must be kept away from.</summary>
public sealed record SchematicArea(string Label, double Latitude, double Longitude, double RadiusKm, bool Exclusion);

/// <summary>A unit with its place: a ranked fit (label: its rank) or a unit excluded by a rule.</summary>
public sealed record SchematicPlace(string Label, string Name, double Latitude, double Longitude, bool Fits);

public sealed record PlacedArea(SchematicArea Area, double X, double Y, double R);

/// <summary>
/// A unit drawn, with its distances: to the edge of the nearest preferred area (0 inside it) and to
/// the edge of the nearest exclusion zone (negative inside it); null when she has no such circle.
/// </summary>
public sealed record PlacedUnit(SchematicPlace Place, double X, double Y, double? PreferredKm, double? ExclusionKm)
{
    public bool InsideExclusion => ExclusionKm < 0;
}

/// <summary>
/// Her preferred areas and exclusion zones (the circles among them) and the units, drawn to one
/// scale on a flat projection around their middle: no map tiles are reachable offline, and a
/// schematic shows what matters, how far each placement is from where she wants to be and from where
/// she must not be. Areas given as GSS codes have no shape here; the table names them.
/// </summary>
public sealed record MatchSchematic(IReadOnlyList<PlacedArea> Areas, IReadOnlyList<PlacedUnit> Units, double Width, double Height, double PixelsPerKm)
{
    public const double EarthRadiusKm = 6371.0;

    public static MatchSchematic Layout(IReadOnlyList<SchematicArea> areas, IReadOnlyList<SchematicPlace> places,
        double width = 640, double height = 400, double margin = 28)
    {
        var points = areas.Select(a => (a.Latitude, a.Longitude)).Concat(places.Select(p => (p.Latitude, p.Longitude))).ToList();
        if (points.Count == 0)
        {
            return new MatchSchematic([], [], width, height, 1);
        }
        var midLat = (points.Min(p => p.Latitude) + points.Max(p => p.Latitude)) / 2;
        var midLon = (points.Min(p => p.Longitude) + points.Max(p => p.Longitude)) / 2;
        (double X, double Y) Km(double lat, double lon) =>
            ((lon - midLon) * Math.PI / 180 * EarthRadiusKm * Math.Cos(midLat * Math.PI / 180), (lat - midLat) * Math.PI / 180 * EarthRadiusKm);

        // Half the extent (km) each way that must fit: every point, and every circle whole.
        var halfX = 1.0;
        var halfY = 1.0;
        foreach (var a in areas)
        {
            var (x, y) = Km(a.Latitude, a.Longitude);
            halfX = Math.Max(halfX, Math.Abs(x) + a.RadiusKm);
            halfY = Math.Max(halfY, Math.Abs(y) + a.RadiusKm);
        }
        foreach (var p in places)
        {
            var (x, y) = Km(p.Latitude, p.Longitude);
            halfX = Math.Max(halfX, Math.Abs(x));
            halfY = Math.Max(halfY, Math.Abs(y));
        }
        var scale = Math.Min((width / 2 - margin) / halfX, (height / 2 - margin) / halfY);
        (double X, double Y) Screen(double lat, double lon)
        {
            var (x, y) = Km(lat, lon);
            return (width / 2 + x * scale, height / 2 - y * scale);
        }

        var placedAreas = areas.Select(a =>
        {
            var (x, y) = Screen(a.Latitude, a.Longitude);
            return new PlacedArea(a, x, y, a.RadiusKm * scale);
        }).ToList();
        var placedUnits = places.Select(p =>
        {
            var (x, y) = Screen(p.Latitude, p.Longitude);
            return new PlacedUnit(p, x, y, EdgeKm(areas.Where(a => !a.Exclusion), p, insideIsZero: true), EdgeKm(areas.Where(a => a.Exclusion), p, insideIsZero: false));
        }).ToList();
        return new MatchSchematic(placedAreas, placedUnits, width, height, scale);
    }

    /// <summary>Great-circle distance in km (haversine), as the housing service measures it.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A round length for the scale bar, about a fifth of the width.</summary>
    public double ScaleBarKm
    {
        get
        {
            var target = Width / 5 / PixelsPerKm;
            var step = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(target, 0.001))));
            return new[] { 1, 2, 5, 10 }.Select(m => m * step).Last(v => v <= Math.Max(target, step));
        }
    }

    private static double? EdgeKm(IEnumerable<SchematicArea> circles, SchematicPlace p, bool insideIsZero)
    {
        double? nearest = null;
        foreach (var c in circles)
        {
            var edge = DistanceKm(c.Latitude, c.Longitude, p.Latitude, p.Longitude) - c.RadiusKm;
            nearest = nearest is null ? edge : Math.Min(nearest.Value, edge);
        }
        return insideIsZero && nearest < 0 ? 0 : nearest;
    }
}
