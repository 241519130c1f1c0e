namespace Platform.Housing.Domain.Rules;

/// <summary>
/// Someone assessed as needing a trauma-informed / psychologically informed environment is placed
/// only where there is one; for everyone else it is a preference the soft score weighs.
/// </summary>
public sealed class TraumaInformedRule : HardRule
{
    public override string Name => "trauma-informed";

    public override bool CanFail(MatchSubject who) => who.NeedsTraumaInformed;

    public override bool Passes(MatchSubject who, UnitEntry unit) => !who.NeedsTraumaInformed || unit.TraumaInformed;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => (who.NeedsTraumaInformed, passed) switch
    {
        (false, _) => "not applicable: a trauma-informed environment is not required",
        (true, true) => "a trauma-informed / psychologically informed environment, as she needs",
        _ => "she needs a trauma-informed / psychologically informed environment; the placement does not provide one",
    };
}
