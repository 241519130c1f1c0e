namespace Platform.Housing.Domain.Rules;

/// <summary>Children coming with her must be accepted: how many, and their ages.</summary>
public sealed class ChildrenRule : HardRule
{
    public override string Name => "children";

    public override bool CanFail(MatchSubject who) => who.ChildrenAges.Count > 0;

    public override bool Passes(MatchSubject who, UnitEntry unit)
    {
        var ages = who.ChildrenAges;
        if (ages.Count == 0)
        {
            return true;
        }
        if (ages.Count > unit.MaxChildren)
        {
            return false;
        }
        for (var i = 0; i < ages.Count; i++)
        {
            if (ages[i] < unit.MinChildAge || ages[i] > unit.MaxChildAge)
            {
                return false;
            }
        }
        return true;
    }

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed)
    {
        var count = who.ChildrenAges.Count;
        if (count == 0)
        {
            return "not applicable: no children coming";
        }
        if (unit.MaxChildren == 0)
        {
            return "does not accept children";
        }
        var range = $"up to {unit.MaxChildren} children aged {unit.MinChildAge} to {unit.MaxChildAge}";
        return passed ? $"accepts {range}" : $"{count} children aged {string.Join(", ", who.ChildrenAges)}; accepts {range}";
    }
}
