namespace Platform.Housing.Domain;

/// <summary>A person's needs profile made ready for matching: what she needs, where, and what she must be kept away from.</summary>
public sealed class MatchSubject
{
    public required string PersonId { get; init; }
    public required DateTimeOffset Now { get; init; }
    public Circumstance Needs { get; init; }
    public IReadOnlyList<int> ChildrenAges { get; init; } = [];
    public AccessFeature AccessNeeds { get; init; }
    public bool WomenOnly { get; init; }
    public AreaSet Preferred { get; init; } = AreaSet.Empty;
    public AreaSet Exclusions { get; init; } = AreaSet.Empty;
    public int RiskRank { get; init; }
    public string RiskLevel { get; init; } = "standard";
    public IReadOnlySet<int> LocalConnections { get; init; } = new HashSet<int>();
    public bool FleeingDomesticAbuse { get; init; }
    public int SupportHoursNeeded { get; init; }
    public bool Needs24HourStaffing { get; init; }
    public bool NeedsTraumaInformed { get; init; }
    public bool NeedsHousingBenefit { get; init; }
    /// <summary>Units she declined recently, with the time until which they are not suggested again.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ParkedUnits { get; init; } = new Dictionary<string, DateTimeOffset>();
}
