using Platform.Housing.Domain;

namespace Platform.Housing.Tests.Domain;

/// <summary>Units and people for rule tests: a vacant unit that accepts nothing special, and a person who needs nothing special.</summary>
public static class Cases
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Bristol = "E06000023";
    public const string Somerset = "E06000066";

    public static UnitEntry Unit(string id = "unit-1") => new()
    {
        UnitId = id, SchemeId = "scheme-1", ProviderId = "provider-1", Name = "Flat 1", Kind = PlacementKind.SupportedAccommodation,
        Latitude = 51.4545, Longitude = -2.5879, LocalAuthority = Bristol, AreaKey = AreaKey.Of(Bristol),
        Vacancy = new VacancySlot("vacancy-1", Now.AddDays(-10), null, Promised: false, HeldUntil: null),
    };

    public static MatchSubject Person() =>
        new() { PersonId = "person-1", Now = Now, RiskLevel = "standard" };

    public static MatchSubject With(this MatchSubject who, Circumstance needs = Circumstance.None, int riskRank = 0, bool womenOnly = false,
        AreaSet? exclusions = null, AreaSet? preferred = null, IReadOnlyList<int>? children = null, AccessFeature access = AccessFeature.None,
        bool fleeing = false, IReadOnlySet<int>? connections = null, bool staffing = false, bool benefit = false,
        IReadOnlyDictionary<string, DateTimeOffset>? parked = null, int supportHours = 0, bool traumaInformed = false) => new()
    {
        PersonId = who.PersonId, Now = who.Now, Needs = needs, RiskRank = riskRank, RiskLevel = new[] { "standard", "medium", "high" }[riskRank],
        WomenOnly = womenOnly, Exclusions = exclusions ?? AreaSet.Empty, Preferred = preferred ?? AreaSet.Empty, ChildrenAges = children ?? [],
        AccessNeeds = access, FleeingDomesticAbuse = fleeing, LocalConnections = connections ?? new HashSet<int>(),
        Needs24HourStaffing = staffing, NeedsHousingBenefit = benefit, ParkedUnits = parked ?? new Dictionary<string, DateTimeOffset>(),
        SupportHoursNeeded = supportHours, NeedsTraumaInformed = traumaInformed,
    };

    public static AreaSet Zones(params string[] areas) => new(areas, []);

    public static AreaSet Circle(double latitude, double longitude, double radiusKm) => new([], [new GeoCircle(latitude, longitude, radiusKm)]);
}
