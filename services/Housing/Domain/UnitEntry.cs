namespace Platform.Housing.Domain;

/// <summary>
/// A unit as matching sees it: its effective attributes (provider, then scheme, then unit) and its
/// live vacancy, in a compact form held in memory for every unit.
/// </summary>
public sealed record UnitEntry
{
    public required string UnitId { get; init; }
    public required string SchemeId { get; init; }
    public required string ProviderId { get; init; }
    public string Name { get; init; } = "";
    public PlacementKind Kind { get; init; }
    public bool WomenOnly { get; init; }
    public double Latitude { get; init; } = double.NaN;
    public double Longitude { get; init; } = double.NaN;
    public string? LocalAuthority { get; init; }
    public int AreaKey { get; init; }
    public bool Staffed24Hours { get; init; }
    public int SupportHoursPerWeek { get; init; }
    public bool FloatingSupport { get; init; }
    public Circumstance Accepts { get; init; }
    public int MaxChildren { get; init; }
    public int MinChildAge { get; init; }
    public int MaxChildAge { get; init; } = 17;
    public AccessFeature Access { get; init; }
    /// <summary>0 standard, 1 medium, 2 high (<see cref="Platform.IntegrationEvents.Safeguarding.RiskLevels.Rank"/>).</summary>
    public int MaxRiskRank { get; init; }
    public bool LocalConnectionRequired { get; init; }
    public bool TraumaInformed { get; init; }
    public long WeeklyCostPence { get; init; }
    public bool HousingBenefitEligible { get; init; }
    public VacancySlot? Vacancy { get; init; }

    public bool HasCoordinates => !double.IsNaN(Latitude) && !double.IsNaN(Longitude);

    /// <summary>Hours of support a week; round-the-clock staffing counts as every hour.</summary>
    public int SupportHoursOffered => Staffed24Hours ? 168 : SupportHoursPerWeek;
}

/// <summary>The unit's live vacancy. A hold past <see cref="HeldUntil"/> counts as released.</summary>
public sealed record VacancySlot(
    string VacancyId, DateTimeOffset AvailableFrom, DateTimeOffset? AvailableUntil, bool Promised, DateTimeOffset? HeldUntil)
{
    public bool IsHeldAt(DateTimeOffset now) => HeldUntil is { } until && until > now;

    /// <summary>Live and not past its last day, whether or not an offer holds it.</summary>
    public bool IsInWindowAt(DateTimeOffset now) => AvailableUntil is null || AvailableUntil > now;

    public bool IsFreeAt(DateTimeOffset now) =>
        !Promised && !IsHeldAt(now) && (AvailableUntil is null || AvailableUntil > now);
}
