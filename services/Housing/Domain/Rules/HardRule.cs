namespace Platform.Housing.Domain.Rules;

public sealed record RuleOutcome(string Rule, bool Passed, string Reason);

/// <summary>
/// One written-down rule, the same for everyone. <see cref="Passes"/> is the fast check used while
/// ranking every unit; <see cref="Reason"/> says in plain words why it passed or failed, and is only
/// built for the units a caller sees.
/// </summary>
public abstract class HardRule
{
    public abstract string Name { get; }

    public abstract bool Passes(MatchSubject who, UnitEntry unit);

    /// <summary>
    /// False when the rule passes every unit for this person (she has no need it tests), so ranking
    /// can skip it. Must never be false for a person some unit could fail.
    /// </summary>
    public virtual bool CanFail(MatchSubject who) => true;

    public abstract string Reason(MatchSubject who, UnitEntry unit, bool passed);

    public RuleOutcome Check(MatchSubject who, UnitEntry unit)
    {
        var passed = Passes(who, unit);
        return new RuleOutcome(Name, passed, Reason(who, unit, passed));
    }
}
