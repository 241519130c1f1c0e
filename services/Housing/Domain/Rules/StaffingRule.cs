namespace Platform.Housing.Domain.Rules;

/// <summary>Someone assessed as needing round-the-clock staff is placed only where there are staff round the clock.</summary>
public sealed class StaffingRule : HardRule
{
    public override string Name => "24-hour-staffing";

    public override bool CanFail(MatchSubject who) => who.Needs24HourStaffing;

    public override bool Passes(MatchSubject who, UnitEntry unit) => !who.Needs24HourStaffing || unit.Staffed24Hours;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => (who.Needs24HourStaffing, passed) switch
    {
        (false, _) => "not applicable: 24-hour staffing not needed",
        (true, true) => "staffed 24 hours, as she needs",
        _ => "she needs 24-hour staffing; the placement is not staffed round the clock",
    };
}
