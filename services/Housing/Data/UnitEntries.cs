using Google.Protobuf;
using Platform.Housing.Domain;
using Platform.Housing.V1;

namespace Platform.Housing.Data;

/// <summary>
/// Attributes are stored as the JSON of the API message, so protobuf's compatibility rules govern
/// the stored form; a unit's effective attributes are its provider's, then its scheme's, then its own.
/// </summary>
public static class UnitEntries
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static PlacementAttributes Parse(string json) => Parser.Parse<PlacementAttributes>(json);

    public static string Format(PlacementAttributes? attributes) => JsonFormatter.Default.Format(attributes ?? new PlacementAttributes());

    /// <summary>Later levels override earlier ones field by field: an unset field is inherited.</summary>
    public static PlacementAttributes Effective(params PlacementAttributes[] levels)
    {
        var effective = new PlacementAttributes();
        foreach (var level in levels)
        {
            effective.MergeFrom(level);
        }
        return effective;
    }

    public static UnitEntry Build(UnitIndexRow row, PlacementAttributes effective) => new()
    {
        UnitId = row.UnitId,
        SchemeId = row.SchemeId,
        ProviderId = row.ProviderId,
        Name = row.Name,
        Kind = (PlacementKind)(int)effective.Type,
        WomenOnly = effective.WomenOnly,
        Latitude = effective.Location is { HasLatitude: true } l ? l.Latitude : double.NaN,
        Longitude = effective.Location is { HasLongitude: true } g ? g.Longitude : double.NaN,
        LocalAuthority = effective.Location?.HasLocalAuthority == true ? effective.Location.LocalAuthority : null,
        AreaKey = AreaKey.Of(effective.Location?.LocalAuthority),
        Staffed24Hours = effective.Support?.Staffed24Hours ?? false,
        SupportHoursPerWeek = effective.Support?.SupportHoursPerWeek ?? 0,
        FloatingSupport = effective.Support?.FloatingSupport ?? false,
        Accepts = AcceptedCircumstances(effective.Accepts),
        MaxChildren = effective.Accepts?.MaxChildren ?? 0,
        MinChildAge = effective.Accepts?.MinChildAge ?? 0,
        MaxChildAge = effective.Accepts is { HasMaxChildAge: true } a ? a.MaxChildAge : 17,
        Access = AccessFeatures(effective.Accessibility),
        // An unrecorded limit is read as the lowest: a placement keeps higher risk only when it says so.
        MaxRiskRank = effective.HasMaxRiskLevel ? Math.Max(0, (int)effective.MaxRiskLevel - 1) : 0,
        LocalConnectionRequired = effective.LocalConnectionRequired,
        TraumaInformed = effective.TraumaInformed,
        WeeklyCostPence = effective.WeeklyCostPence,
        HousingBenefitEligible = effective.HousingBenefitEligible,
        Vacancy = row.VacancyId is null ? null : new VacancySlot(row.VacancyId, row.AvailableFrom!.Value, row.AvailableUntil,
            row.VacancyStatus == VacancyStatuses.Promised, row.HeldByOfferId is null ? null : row.HoldExpiresAt),
    };

    private static Circumstance AcceptedCircumstances(Accepts? accepts)
    {
        if (accepts is null)
        {
            return Circumstance.None;
        }
        var flags = Circumstance.None;
        flags |= accepts.ActiveAlcoholUse ? Circumstance.ActiveAlcoholUse : 0;
        flags |= accepts.ActiveDrugUse ? Circumstance.ActiveDrugUse : 0;
        flags |= accepts.MentalHealthNeeds ? Circumstance.MentalHealthNeeds : 0;
        flags |= accepts.DualDiagnosis ? Circumstance.DualDiagnosis : 0;
        flags |= accepts.HistoryOfViolence ? Circumstance.HistoryOfViolence : 0;
        flags |= accepts.Arson ? Circumstance.Arson : 0;
        flags |= accepts.SexualOffences ? Circumstance.SexualOffences : 0;
        flags |= accepts.Pets ? Circumstance.Pets : 0;
        flags |= accepts.Partner ? Circumstance.Partner : 0;
        return flags;
    }

    private static AccessFeature AccessFeatures(Accessibility? accessibility)
    {
        if (accessibility is null)
        {
            return AccessFeature.None;
        }
        var flags = AccessFeature.None;
        flags |= accessibility.Wheelchair ? AccessFeature.Wheelchair : 0;
        flags |= accessibility.GroundFloor ? AccessFeature.GroundFloor : 0;
        flags |= accessibility.Lift ? AccessFeature.Lift : 0;
        return flags;
    }
}
