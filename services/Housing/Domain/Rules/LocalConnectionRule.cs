namespace Platform.Housing.Domain.Rules;

/// <summary>
/// A placement that requires a local connection takes people connected to its area (6 of the last
/// 12 months or 3 of the last 5 years), except that fleeing domestic abuse removes the requirement.
/// </summary>
public sealed class LocalConnectionRule : HardRule
{
    public override string Name => "local-connection";

    public override bool CanFail(MatchSubject who) => !who.FleeingDomesticAbuse;

    public override bool Passes(MatchSubject who, UnitEntry unit) =>
        !unit.LocalConnectionRequired || who.FleeingDomesticAbuse || who.LocalConnections.Contains(unit.AreaKey);

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed)
    {
        if (!unit.LocalConnectionRequired)
        {
            return "no local connection required";
        }
        if (who.FleeingDomesticAbuse)
        {
            return "local connection does not apply: she is fleeing domestic abuse";
        }
        var area = unit.LocalAuthority ?? "an unrecorded area";
        return passed
            ? $"she has a local connection to {area}"
            : $"requires a local connection to {area}; her address history does not show 6 of the last 12 months or 3 of the last 5 years there";
    }
}
