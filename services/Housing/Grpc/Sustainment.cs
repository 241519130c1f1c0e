using Platform.Housing.Data;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>Breakdown rates per scheme and per provider: breakdowns (any end but a planned move-on) over ended tenancies.</summary>
public static class Sustainment
{
    public static GetSustainmentResponse Figures(IReadOnlyList<SustainmentRow> schemes, IReadOnlyList<DeclineCountRow> declines)
    {
        var response = new GetSustainmentResponse();
        var declinesByScheme = declines.ToDictionary(d => (d.ProviderId, d.SchemeId), d => d.Declines);
        var keys = schemes.Select(s => (s.ProviderId, SchemeId: s.SchemeId ?? "")).Union(declinesByScheme.Keys).Order();
        var byKey = schemes.ToDictionary(s => (s.ProviderId, s.SchemeId ?? ""));
        foreach (var key in keys)
        {
            var row = byKey.GetValueOrDefault(key) ?? new SustainmentRow { ProviderId = key.ProviderId, SchemeId = key.SchemeId };
            response.Schemes.Add(Figure(row, declinesByScheme.GetValueOrDefault(key)));
        }
        foreach (var provider in response.Schemes.GroupBy(s => s.ProviderId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var total = new SustainmentRow
            {
                ProviderId = provider.Key, Started = provider.Sum(s => s.Started), Ended = provider.Sum(s => s.Ended),
                PlannedMoveOn = provider.Sum(s => s.PlannedMoveOn), Breakdowns = provider.Sum(s => s.Breakdowns),
            };
            var figure = Figure(total, provider.Sum(s => s.ProviderDeclines));
            figure.SchemeId = "";
            response.Providers.Add(figure);
        }
        return response;
    }

    private static SustainmentFigures Figure(SustainmentRow row, long providerDeclines) => new()
    {
        ProviderId = row.ProviderId, SchemeId = row.SchemeId ?? "", Started = (int)row.Started, Ended = (int)row.Ended,
        PlannedMoveOn = (int)row.PlannedMoveOn, Breakdowns = (int)row.Breakdowns,
        BreakdownRate = row.Ended == 0 ? 0 : (double)row.Breakdowns / row.Ended, ProviderDeclines = (int)providerDeclines,
    };
}
