using Platform.Housing.V1;

namespace Platform.Housing.Bench;

/// <summary>Needs profiles as officers write them: a few circumstances, sometimes children, areas to prefer and avoid.</summary>
internal sealed class ProfileGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public NeedsProfile Next()
    {
        var profile = new NeedsProfile
        {
            WomenOnly = Chance(0.5),
            Circumstances = new Circumstances
            {
                ActiveAlcoholUse = Chance(0.4), ActiveDrugUse = Chance(0.3), MentalHealthNeeds = Chance(0.6), DualDiagnosis = Chance(0.1),
                HistoryOfViolence = Chance(0.1),
            },
            Pets = Chance(0.1),
            SupportHoursNeeded = _random.Next(0, 25),
            Needs24HourStaffing = Chance(0.1),
            NeedsHousingBenefit = Chance(0.7),
            FleeingDomesticAbuse = Chance(0.4),
            RiskLevel = (RiskLevel)_random.Next(1, 4),
        };
        if (Chance(0.15))
        {
            profile.ChildrenAges.Add(_random.Next(0, 12));
        }
        var (code, latitude, longitude) = CatalogueGenerator.Areas[_random.Next(CatalogueGenerator.Areas.Length)];
        profile.PreferredAreas.Add(new Area { LocalAuthority = code });
        profile.PreferredAreas.Add(new Area { Circle = new Circle { Latitude = latitude, Longitude = longitude, RadiusKm = 15 } });
        var avoid = CatalogueGenerator.Areas[_random.Next(CatalogueGenerator.Areas.Length)];
        profile.ExclusionZones.Add(new Area { Circle = new Circle { Latitude = avoid.Latitude, Longitude = avoid.Longitude, RadiusKm = 10 } });
        if (Chance(0.5))
        {
            profile.ExclusionZones.Add(new Area { LocalAuthority = CatalogueGenerator.Areas[_random.Next(CatalogueGenerator.Areas.Length)].Code });
        }
        return profile;
    }

    private bool Chance(double p) => _random.NextDouble() < p;
}
