using System.Globalization;

namespace Platform.Housing.Domain.Scoring;

public sealed record ScorePart(string Name, double Value, double Weight, string Reason);

/// <summary>The weighted soft score in [0, 1]: the weighted mean of components each in [0, 1].</summary>
public sealed class SoftScorer(MatchWeights weights)
{
    private readonly double _total = Math.Max(weights.Distance + weights.SupportFit + weights.VacancyAge + weights.TraumaInformed, double.Epsilon);

    public MatchWeights Weights => weights;

    public double Score(MatchSubject who, UnitEntry unit) =>
        ((weights.Distance * Distance(who, unit)) + (weights.SupportFit * SupportFit(who, unit))
        + (weights.VacancyAge * VacancyAge(who, unit)) + (weights.TraumaInformed * (unit.TraumaInformed ? 1 : 0))) / _total;

    public IReadOnlyList<ScorePart> Explain(MatchSubject who, UnitEntry unit) =>
    [
        new("distance", Distance(who, unit), weights.Distance, DistanceReason(who, unit)),
        new("support-fit", SupportFit(who, unit), weights.SupportFit,
            $"offers {unit.SupportHoursOffered} support hours a week; she needs {who.SupportHoursNeeded}"),
        new("vacancy-age", VacancyAge(who, unit), weights.VacancyAge, Invariant($"empty for {DaysEmpty(who, unit):0} days")),
        new("trauma-informed", unit.TraumaInformed ? 1 : 0, weights.TraumaInformed,
            unit.TraumaInformed ? "trauma-informed / psychologically informed environment" : "not recorded as trauma-informed"),
    ];

    /// <summary>1 inside a preferred area, halving every <see cref="MatchWeights.DistanceHalfKm"/> outside; 0.5 when she has no preference.</summary>
    public double Distance(MatchSubject who, UnitEntry unit)
    {
        if (who.Preferred.IsEmpty)
        {
            return 0.5;
        }
        if (who.Preferred.ContainsArea(unit.AreaKey))
        {
            return 1;
        }
        var outside = who.Preferred.KmOutside(unit);
        return outside is { } km ? Math.Pow(0.5, km / Math.Max(weights.DistanceHalfKm, 0.001)) : 0;
    }

    /// <summary>1 when the hours on offer meet the need; less support scales down, much more support counts a little less.</summary>
    public static double SupportFit(MatchSubject who, UnitEntry unit)
    {
        var needed = who.SupportHoursNeeded;
        var offered = unit.SupportHoursOffered;
        if (needed <= 0)
        {
            return 1;
        }
        if (offered < needed)
        {
            return (double)offered / needed;
        }
        return 1 - (0.5 * Math.Min(1, (offered - needed) / (4.0 * needed)));
    }

    public double VacancyAge(MatchSubject who, UnitEntry unit) =>
        Math.Clamp(DaysEmpty(who, unit) / Math.Max(weights.VacancyAgeFullDays, 1), 0, 1);

    private static double DaysEmpty(MatchSubject who, UnitEntry unit) =>
        unit.Vacancy is { } v && v.AvailableFrom < who.Now ? (who.Now - v.AvailableFrom).TotalDays : 0;

    private static string DistanceReason(MatchSubject who, UnitEntry unit)
    {
        if (who.Preferred.IsEmpty)
        {
            return "she has no preferred area";
        }
        if (who.Preferred.Contains(unit))
        {
            return "in a preferred area";
        }
        return who.Preferred.KmOutside(unit) is { } km ? Invariant($"{km:0.0} km outside her nearest preferred area") : "outside her preferred areas";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
