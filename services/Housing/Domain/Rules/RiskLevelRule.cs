using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Housing.Domain.Rules;

/// <summary>A placement is offered only to someone whose risk level it can keep safe.</summary>
public sealed class RiskLevelRule : HardRule
{
    public override string Name => "risk-level";

    /// <summary>Every placement keeps standard risk.</summary>
    public override bool CanFail(MatchSubject who) => who.RiskRank > 0;

    public override bool Passes(MatchSubject who, UnitEntry unit) => who.RiskRank <= unit.MaxRiskRank;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed)
    {
        var accepted = RiskLevels.All[Math.Clamp(unit.MaxRiskRank, 0, RiskLevels.All.Count - 1)];
        return passed
            ? $"accepts risk up to {accepted}; her risk level is {who.RiskLevel}"
            : $"her risk level is {who.RiskLevel}; the placement accepts risk up to {accepted}";
    }
}
