namespace Platform.Housing.Domain.Scoring;

/// <summary>
/// Weights of the soft score (configuration <c>Housing:Matching:Weights</c>). The score orders
/// placements that all pass the hard rules; it never decides who is eligible.
/// </summary>
public sealed class MatchWeights
{
    /// <summary>Closeness to her preferred areas.</summary>
    public double Distance { get; set; } = 0.4;

    /// <summary>How well the support hours on offer fit the hours she needs.</summary>
    public double SupportFit { get; set; } = 0.3;

    /// <summary>How long the vacancy has stood empty, so that no vacancy is passed over for ever.</summary>
    public double VacancyAge { get; set; } = 0.2;

    /// <summary>A trauma-informed or psychologically informed environment.</summary>
    public double TraumaInformed { get; set; } = 0.1;

    /// <summary>Kilometres outside a preferred circle at which the distance component halves.</summary>
    public double DistanceHalfKm { get; set; } = 10;

    /// <summary>Days empty at which the vacancy-age component reaches 1.</summary>
    public double VacancyAgeFullDays { get; set; } = 90;
}
