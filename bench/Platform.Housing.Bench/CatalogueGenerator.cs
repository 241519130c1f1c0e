using Platform.Housing.Data;
using Platform.Housing.V1;

namespace Platform.Housing.Bench;

/// <summary>
/// A reproducible catalogue: providers with a placement type, schemes spread over twenty local
/// authorities in the south-west, units that override a few attributes, and vacancies in most.
/// </summary>
internal sealed class CatalogueGenerator(int units, int seed, DateTimeOffset now)
{
    public const int UnitsPerScheme = 100;
    public const int SchemesPerProvider = 10;

    public static readonly (string Code, double Latitude, double Longitude)[] Areas =
    [
        ("E06000023", 51.454, -2.588), ("E06000022", 51.381, -2.359), ("E06000024", 51.389, -2.780), ("E06000025", 51.540, -2.480),
        ("E06000066", 51.105, -2.926), ("E06000026", 50.376, -4.143), ("E06000027", 50.464, -3.525), ("E06000030", 51.556, -1.780),
        ("E06000052", 50.266, -5.053), ("E06000054", 51.350, -1.990), ("E06000059", 50.715, -2.440), ("E06000058", 50.720, -1.880),
        ("E07000079", 51.720, -2.100), ("E07000080", 51.820, -2.500), ("E07000081", 51.864, -2.238), ("E07000082", 51.745, -2.218),
        ("E07000083", 51.990, -2.160), ("E10000008", 50.720, -3.530), ("E07000040", 50.700, -3.070), ("E07000045", 50.546, -3.496),
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<(CatalogueRow Provider, List<(CatalogueRow Scheme, List<(CatalogueRow Unit, VacancyRow? Vacancy)> Units)> Schemes)> Providers()
    {
        var schemes = (units + UnitsPerScheme - 1) / UnitsPerScheme;
        for (var p = 0; p * SchemesPerProvider < schemes; p++)
        {
            var provider = Row(null, $"Provider {p}", ProviderAttributes());
            var list = new List<(CatalogueRow, List<(CatalogueRow, VacancyRow?)>)>();
            for (var s = p * SchemesPerProvider; s < Math.Min(schemes, (p + 1) * SchemesPerProvider); s++)
            {
                var scheme = Row(provider.Id, $"Scheme {s}", SchemeAttributes());
                var count = Math.Min(UnitsPerScheme, units - (s * UnitsPerScheme));
                list.Add((scheme, Enumerable.Range(0, count).Select(u => UnitWithVacancy(scheme.Id, u)).ToList()));
            }
            yield return (provider, list);
        }
    }

    private (CatalogueRow, VacancyRow?) UnitWithVacancy(string schemeId, int index)
    {
        var unit = Row(schemeId, $"Unit {index}", UnitAttributes());
        if (_random.NextDouble() >= 0.7)
        {
            return (unit, null);
        }
        var held = _random.NextDouble() < 0.05;
        return (unit, new VacancyRow
        {
            VacancyId = Guid.NewGuid().ToString(), UnitId = unit.Id, AvailableFrom = now.AddDays(-_random.Next(0, 120)), OpenedAt = now,
            Status = VacancyStatuses.Open, HeldByOfferId = held ? Guid.NewGuid().ToString() : null,
            HoldExpiresAt = held ? now.AddHours(_random.Next(1, 72)) : null, Version = 1,
        });
    }

    private PlacementAttributes ProviderAttributes() => new()
    {
        Type = (PlacementType)_random.Next(1, 7),
        WomenOnly = _random.NextDouble() < 0.6,
        MaxRiskLevel = (RiskLevel)_random.Next(1, 4),
        TraumaInformed = _random.NextDouble() < 0.5,
        HousingBenefitEligible = _random.NextDouble() < 0.85,
        Accepts = new Accepts
        {
            ActiveAlcoholUse = Chance(0.6), ActiveDrugUse = Chance(0.5), MentalHealthNeeds = Chance(0.8), DualDiagnosis = Chance(0.4),
            HistoryOfViolence = Chance(0.3), Arson = Chance(0.1), SexualOffences = Chance(0.05), Pets = Chance(0.3), Partner = Chance(0.2),
            MaxChildren = Chance(0.3) ? _random.Next(1, 4) : 0, MaxChildAge = 17,
        },
    };

    private PlacementAttributes SchemeAttributes()
    {
        var area = Areas[_random.Next(Areas.Length)];
        return new PlacementAttributes
        {
            Location = new Location { Latitude = area.Latitude + Jitter(), Longitude = area.Longitude + Jitter(), LocalAuthority = area.Code },
            Support = new Support { Staffed24Hours = Chance(0.25), SupportHoursPerWeek = _random.Next(0, 30), FloatingSupport = Chance(0.3) },
            LocalConnectionRequired = Chance(0.3),
            WeeklyCostPence = _random.Next(8_000, 60_000),
        };
    }

    private PlacementAttributes UnitAttributes() => Chance(0.7) ? new PlacementAttributes() : new PlacementAttributes
    {
        Accessibility = new Accessibility { Wheelchair = Chance(0.3), GroundFloor = Chance(0.5), Lift = Chance(0.3) },
    };

    private CatalogueRow Row(string? parent, string name, PlacementAttributes attributes) => new()
    {
        Id = Guid.NewGuid().ToString(), ParentId = parent, OwnerAgency = "housing-bristol", Name = name,
        AttributesJson = UnitEntries.Format(attributes), Version = 1, UpdatedAt = now,
    };

    private double Jitter() => (_random.NextDouble() - 0.5) * 0.1;

    private bool Chance(double p) => _random.NextDouble() < p;
}
