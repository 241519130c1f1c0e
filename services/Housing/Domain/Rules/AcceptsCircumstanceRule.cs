namespace Platform.Housing.Domain.Rules;

/// <summary>
/// Accept people as they are: a person with a need (active substance use, an offending history,
/// pets, a partner) is offered only placements that accept it, and never refused one for a need it accepts.
/// </summary>
public sealed class AcceptsCircumstanceRule(Circumstance circumstance, string name, string description) : HardRule
{
    public Circumstance Circumstance => circumstance;

    public override string Name => name;

    public override bool CanFail(MatchSubject who) => (who.Needs & circumstance) != 0;

    public override bool Passes(MatchSubject who, UnitEntry unit) =>
        (who.Needs & circumstance) == 0 || (unit.Accepts & circumstance) != 0;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) =>
        ((who.Needs & circumstance) != 0, passed) switch
        {
            (false, _) => $"not applicable: no {description}",
            (true, true) => $"accepts {description}",
            (true, false) => $"does not accept {description}",
        };
}
