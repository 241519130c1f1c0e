using System.Globalization;

namespace Platform.Housing.Domain.Rules;

/// <summary>A placement she turned down is not put to her again until the configured time has passed.</summary>
public sealed class RecentlyDeclinedRule : HardRule
{
    public override string Name => "recently-declined";

    public override bool CanFail(MatchSubject who) => who.ParkedUnits.Count > 0;

    public override bool Passes(MatchSubject who, UnitEntry unit) =>
        who.ParkedUnits.Count == 0 || !who.ParkedUnits.TryGetValue(unit.UnitId, out var until) || until <= who.Now;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => passed
        ? "not declined recently"
        : string.Create(CultureInfo.InvariantCulture, $"she declined this placement; not suggested again before {who.ParkedUnits[unit.UnitId]:yyyy-MM-dd}");
}
