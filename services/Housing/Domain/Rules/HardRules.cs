namespace Platform.Housing.Domain.Rules;

/// <summary>Every hard rule, cheapest and most often failed first so that ranking stops early.</summary>
public static class HardRules
{
    public static readonly IReadOnlyList<HardRule> All =
    [
        new VacancyRule(),
        new RecentlyDeclinedRule(),
        new WomenOnlyRule(),
        new RiskLevelRule(),
        new AcceptsCircumstanceRule(Circumstance.ActiveAlcoholUse, "active-alcohol-use", "active alcohol use"),
        new AcceptsCircumstanceRule(Circumstance.ActiveDrugUse, "active-drug-use", "active drug use"),
        new AcceptsCircumstanceRule(Circumstance.MentalHealthNeeds, "mental-health-needs", "mental health needs"),
        new AcceptsCircumstanceRule(Circumstance.DualDiagnosis, "dual-diagnosis", "dual diagnosis"),
        new AcceptsCircumstanceRule(Circumstance.HistoryOfViolence, "history-of-violence", "history of violence"),
        new AcceptsCircumstanceRule(Circumstance.Arson, "arson", "history of arson"),
        new AcceptsCircumstanceRule(Circumstance.SexualOffences, "sexual-offences", "history of sexual offences"),
        new AcceptsCircumstanceRule(Circumstance.Pets, "pets", "pets"),
        new AcceptsCircumstanceRule(Circumstance.Partner, "partner", "partner"),
        new ChildrenRule(),
        new AccessibilityRule(),
        new StaffingRule(),
        new TraumaInformedRule(),
        new HousingBenefitRule(),
        new LocalConnectionRule(),
        new ExclusionZoneRule(),
    ];
}
