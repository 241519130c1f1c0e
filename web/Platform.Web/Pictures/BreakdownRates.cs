using Platform.Housing.V1;

namespace Platform.Web.Pictures;

/// <summary>One bar: a scheme's or provider's tenancies and the share that broke down.</summary>
public sealed record BreakdownBar(string Label, int Started, int Ended, int Breakdowns, double Rate, int ProviderDeclines);

/// <summary>
/// Breakdown rates as the housing service counts them (<c>GetSustainment</c>: breakdowns over ended
/// tenancies); the page only names and orders them, highest rate first, so the placements that fail
/// women most are read first. A level with no ended tenancy has no rate yet and comes last.
/// </summary>
public static class BreakdownRates
{
    public static IReadOnlyList<BreakdownBar> Bars(IEnumerable<SustainmentFigures> figures, Func<SustainmentFigures, string> name) =>
        figures.Select(f => new BreakdownBar(name(f), f.Started, f.Ended, f.Breakdowns, f.BreakdownRate, f.ProviderDeclines))
            .OrderByDescending(b => b.Ended > 0).ThenByDescending(b => b.Rate).ThenBy(b => b.Label, StringComparer.Ordinal).ToList();
}
