namespace Platform.Housing.Domain.Rules;

/// <summary>Someone who relies on housing benefit is offered only placements it pays for.</summary>
public sealed class HousingBenefitRule : HardRule
{
    public override string Name => "housing-benefit";

    public override bool CanFail(MatchSubject who) => who.NeedsHousingBenefit;

    public override bool Passes(MatchSubject who, UnitEntry unit) => !who.NeedsHousingBenefit || unit.HousingBenefitEligible;

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => (who.NeedsHousingBenefit, passed) switch
    {
        (false, _) => "not applicable: housing benefit not needed",
        (true, true) => "eligible for housing benefit",
        _ => "she relies on housing benefit; the placement is not eligible",
    };
}
