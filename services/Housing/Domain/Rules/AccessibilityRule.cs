namespace Platform.Housing.Domain.Rules;

/// <summary>Every accessibility need she has must be met (wheelchair access, ground floor, lift).</summary>
public sealed class AccessibilityRule : HardRule
{
    public override string Name => "accessibility";

    public override bool CanFail(MatchSubject who) => who.AccessNeeds != AccessFeature.None;

    public override bool Passes(MatchSubject who, UnitEntry unit) => (who.AccessNeeds & ~unit.Access) == 0;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed)
    {
        if (who.AccessNeeds == AccessFeature.None)
        {
            return "not applicable: no accessibility needs";
        }
        return passed ? $"meets her needs: {Describe(who.AccessNeeds)}" : $"lacks {Describe(who.AccessNeeds & ~unit.Access)}";
    }

    private static string Describe(AccessFeature features) =>
        string.Join(", ", Enum.GetValues<AccessFeature>()
            .Where(f => f != AccessFeature.None && features.HasFlag(f))
            .Select(f => f switch
            {
                AccessFeature.Wheelchair => "wheelchair access",
                AccessFeature.GroundFloor => "a ground floor",
                _ => "a lift",
            }));
}
