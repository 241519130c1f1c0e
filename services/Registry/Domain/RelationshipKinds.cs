using Platform.Registry.V1;

namespace Platform.Registry.Domain;

/// <summary>
/// Relationship types as events name them. Every type is directional ("from" is parent of "to",
/// "from" speaks for "to"); one person may hold both ends of alleged-perpetrator-toward with another.
/// </summary>
public static class RelationshipKinds
{
    /// <summary>Types that read the same from either end: recording B–A after A–B adds nothing.</summary>
    public static bool IsMutual(RelationshipType type) =>
        type is RelationshipType.Partner or RelationshipType.ExPartner or RelationshipType.Sibling or RelationshipType.HouseholdMember;

    public static string Name(RelationshipType type) => type switch
    {
        RelationshipType.Partner => "partner",
        RelationshipType.ExPartner => "ex-partner",
        RelationshipType.ParentOf => "parent-of",
        RelationshipType.Sibling => "sibling",
        RelationshipType.CarerOf => "carer-of",
        RelationshipType.HouseholdMember => "household-member",
        RelationshipType.SpeaksFor => "speaks-for",
        RelationshipType.AllegedPerpetratorToward => "alleged-perpetrator-toward",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown relationship type"),
    };
}
