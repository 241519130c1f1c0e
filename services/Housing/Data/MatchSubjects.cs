using System.Data.Common;
using Google.Protobuf;
using Platform.BuildingBlocks.Errors;
using Platform.Housing.Domain;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Housing.Data;

/// <summary>Her needs profile with what housing has learnt from other services: risk level and local connections.</summary>
public sealed record PersonNeeds(NeedsRow Row, NeedsProfile Profile, MatchSubject Subject, string RiskSource, IReadOnlySet<string> LocalConnections);

/// <summary>Reads everything matching needs to know about a person, in the caller's transaction.</summary>
public sealed class MatchSubjects(PersonFactsStore facts, OfferStore offers, LocalConnectionOptions options)
{
    public const string FromAssessment = "assessment";
    public const string FromProfile = "profile";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static NeedsProfile ParseProfile(string json) => Parser.Parse<NeedsProfile>(json);

    public async Task<PersonNeeds> LoadAsync(DbConnection db, DbTransaction tx, string personId, DateTimeOffset now)
    {
        var row = await facts.NeedsAsync(db, tx, personId) ?? throw new NotFoundException("Needs profile", personId);
        var profile = ParseProfile(row.ProfileJson);
        var risk = await facts.RiskAsync(db, tx, personId);
        var (level, source) = risk is not null && RiskLevels.Rank(risk.RiskLevel) >= 0
            ? (risk.RiskLevel, FromAssessment)
            : (ProfileRisk(profile.RiskLevel), FromProfile);
        var connections = LocalConnection.Areas(await facts.AddressHistoryAsync(db, tx, personId), now, options);
        var parked = await offers.ParkedUnitsAsync(db, tx, personId, now);
        var subject = ToSubject(personId, profile, level, connections, parked, now);
        return new PersonNeeds(row, profile, subject, source, connections);
    }

    public static string ProfileRisk(RiskLevel level) => level switch
    {
        RiskLevel.High => RiskLevels.High,
        RiskLevel.Medium => RiskLevels.Medium,
        _ => RiskLevels.Standard,
    };

    public static MatchSubject ToSubject(string personId, NeedsProfile profile, string riskLevel, IReadOnlySet<string> connections,
        IReadOnlyDictionary<string, DateTimeOffset> parked, DateTimeOffset now) => new()
    {
        PersonId = personId,
        Now = now,
        Needs = Needs(profile),
        ChildrenAges = [.. profile.ChildrenAges],
        AccessNeeds = (profile.Accessibility?.Wheelchair == true ? AccessFeature.Wheelchair : 0)
            | (profile.Accessibility?.GroundFloor == true ? AccessFeature.GroundFloor : 0)
            | (profile.Accessibility?.Lift == true ? AccessFeature.Lift : 0),
        WomenOnly = profile.WomenOnly,
        Preferred = Areas(profile.PreferredAreas),
        Exclusions = Areas(profile.ExclusionZones),
        RiskLevel = riskLevel,
        RiskRank = Math.Max(0, RiskLevels.Rank(riskLevel)),
        LocalConnections = connections.Select(AreaKey.Of).ToHashSet(),
        FleeingDomesticAbuse = profile.FleeingDomesticAbuse,
        SupportHoursNeeded = profile.SupportHoursNeeded,
        Needs24HourStaffing = profile.Needs24HourStaffing,
        NeedsTraumaInformed = profile.NeedsTraumaInformed,
        NeedsHousingBenefit = profile.NeedsHousingBenefit,
        ParkedUnits = parked,
    };

    private static Circumstance Needs(NeedsProfile profile)
    {
        var c = profile.Circumstances ?? new Circumstances();
        var needs = Circumstance.None;
        needs |= c.ActiveAlcoholUse ? Circumstance.ActiveAlcoholUse : 0;
        needs |= c.ActiveDrugUse ? Circumstance.ActiveDrugUse : 0;
        needs |= c.MentalHealthNeeds ? Circumstance.MentalHealthNeeds : 0;
        needs |= c.DualDiagnosis ? Circumstance.DualDiagnosis : 0;
        needs |= c.HistoryOfViolence ? Circumstance.HistoryOfViolence : 0;
        needs |= c.Arson ? Circumstance.Arson : 0;
        needs |= c.SexualOffences ? Circumstance.SexualOffences : 0;
        needs |= profile.Pets ? Circumstance.Pets : 0;
        needs |= profile.Partner ? Circumstance.Partner : 0;
        return needs;
    }

    private static AreaSet Areas(IEnumerable<Area> areas)
    {
        var list = areas.ToList();
        if (list.Count == 0)
        {
            return AreaSet.Empty;
        }
        return new AreaSet(
            list.Where(a => a.KindCase == Area.KindOneofCase.LocalAuthority).Select(a => a.LocalAuthority).ToList(),
            list.Where(a => a.KindCase == Area.KindOneofCase.Circle)
                .Select(a => new GeoCircle(a.Circle.Latitude, a.Circle.Longitude, a.Circle.RadiusKm)).ToList());
    }
}
