namespace Platform.Housing.Domain;

/// <summary>Great-circle distance on a spherical Earth: accurate to well under 1% at the scale of a county.</summary>
public static class GeoDistance
{
    private const double EarthRadiusKm = 6371.0088;

    public static double Km(double latitudeA, double longitudeA, double latitudeB, double longitudeB)
    {
        var dLat = Radians(latitudeB - latitudeA);
        var dLon = Radians(longitudeB - longitudeA);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(latitudeA)) * Math.Cos(Radians(latitudeB)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static bool IsValidLatitude(double value) => double.IsFinite(value) && value is >= -90 and <= 90;

    public static bool IsValidLongitude(double value) => double.IsFinite(value) && value is >= -180 and <= 180;

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
