namespace Platform.Housing.Domain;

/// <summary>A need a person has that a placement must accept; one flag each so a unit's acceptances are one number.</summary>
[Flags]
public enum Circumstance
{
    None = 0,
    ActiveAlcoholUse = 1,
    ActiveDrugUse = 2,
    MentalHealthNeeds = 4,
    DualDiagnosis = 8,
    HistoryOfViolence = 16,
    Arson = 32,
    SexualOffences = 64,
    Pets = 128,
    Partner = 256,
}

[Flags]
public enum AccessFeature
{
    None = 0,
    Wheelchair = 1,
    GroundFloor = 2,
    Lift = 4,
}

public enum PlacementKind
{
    Unknown,
    Refuge,
    SupportedAccommodation,
    HousingFirst,
    Hostel,
    DispersedFlat,
    SpecialistWomensService,
}
