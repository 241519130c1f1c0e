namespace Platform.Housing.Domain.Rules;

/// <summary>A woman who needs women-only accommodation is offered only women-only placements.</summary>
public sealed class WomenOnlyRule : HardRule
{
    public override string Name => "women-only";

    public override bool CanFail(MatchSubject who) => who.WomenOnly;

    public override bool Passes(MatchSubject who, UnitEntry unit) => !who.WomenOnly || unit.WomenOnly;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => (who.WomenOnly, unit.WomenOnly) switch
    {
        (true, true) => "women-only, as she needs",
        (true, false) => "she needs women-only accommodation; this placement is mixed",
        (false, true) => "women-only",
        _ => "she does not need women-only accommodation",
    };
}
