using Platform.Housing.Domain;

namespace Platform.Housing.Tests.Domain;

/// <summary>Random units and people from a fixed seed, over a small area so that zones and preferences overlap.</summary>
public sealed class RandomCases(int seed)
{
    private static readonly string[] Areas = ["E06000023", "E06000022", "E06000024", "E06000025", "E06000066"];
    private readonly Random _random = new(seed);

    public UnitEntry Unit(int i)
    {
        var area = Pick(Areas);
        return new UnitEntry
        {
            UnitId = $"unit-{i:D5}", SchemeId = $"scheme-{i / 10}", ProviderId = $"provider-{i / 100}",
            WomenOnly = Chance(0.5), Latitude = 51.2 + (_random.NextDouble() * 0.6), Longitude = -2.9 + (_random.NextDouble() * 0.8),
            LocalAuthority = area, AreaKey = AreaKey.Of(area), Staffed24Hours = Chance(0.3), SupportHoursPerWeek = _random.Next(0, 40),
            Accepts = (Circumstance)_random.Next(0, 512), MaxChildren = _random.Next(0, 4), MinChildAge = _random.Next(0, 3),
            MaxChildAge = _random.Next(8, 18), Access = (AccessFeature)_random.Next(0, 8), MaxRiskRank = _random.Next(0, 3),
            LocalConnectionRequired = Chance(0.3), TraumaInformed = Chance(0.5), HousingBenefitEligible = Chance(0.8),
            Vacancy = Chance(0.7) ? new VacancySlot($"vacancy-{i}", Cases.Now.AddDays(-_random.Next(0, 200)), Chance(0.1) ? Cases.Now.AddDays(-1) : null,
                Chance(0.05), Chance(0.1) ? Cases.Now.AddHours(_random.Next(-48, 48)) : null) : null,
        };
    }

    public MatchSubject Person(IReadOnlyList<UnitEntry> units) => new()
    {
        PersonId = "person", Now = Cases.Now, Needs = (Circumstance)(_random.Next(0, 512) & _random.Next(0, 512)),
        ChildrenAges = Enumerable.Range(0, Chance(0.3) ? _random.Next(1, 4) : 0).Select(_ => _random.Next(0, 18)).ToList(),
        AccessNeeds = Chance(0.2) ? (AccessFeature)_random.Next(1, 8) : AccessFeature.None, WomenOnly = Chance(0.5),
        Preferred = Chance(0.5) ? new AreaSet([Pick(Areas)], [Circle()]) : AreaSet.Empty,
        Exclusions = Chance(0.5) ? new AreaSet(Chance(0.5) ? [Pick(Areas)] : [], [Circle()]) : AreaSet.Empty,
        RiskRank = _random.Next(0, 3), LocalConnections = new HashSet<int> { Platform.Housing.Domain.AreaKey.Of(Pick(Areas)) },
        FleeingDomesticAbuse = Chance(0.3), SupportHoursNeeded = _random.Next(0, 30), Needs24HourStaffing = Chance(0.2),
        NeedsHousingBenefit = Chance(0.5), NeedsTraumaInformed = Chance(0.2),
        ParkedUnits = units.Where(_ => Chance(0.02)).ToDictionary(u => u.UnitId, _ => Cases.Now.AddDays(_random.Next(-10, 60))),
    };

    private GeoCircle Circle() => new(51.2 + (_random.NextDouble() * 0.6), -2.9 + (_random.NextDouble() * 0.8), 1 + (_random.NextDouble() * 15));

    private bool Chance(double p) => _random.NextDouble() < p;

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
