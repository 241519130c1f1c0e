using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.Data;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.Domain;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Incidents, assessments and MARAC referrals as the API shows them. What an incident says and the
/// DASH answers are special-category details: the recording agency, the agencies an assessment
/// names and safeguarding leads see them; others who may see the person see dates and levels.
/// </summary>
internal static class DomesticAbuseMapping
{
    public static SafeguardingTeam Team(IncidentRow row) => new(row.ReportingAgency, null, []);

    public static SafeguardingTeam Team(DashAssessmentRow row) => new(row.Agency, null, StoredLists.Read(row.NamedAgencies));

    public static Incident ToProto(IncidentRow row, bool seesDetails)
    {
        var details = new IncidentDetails { PersonId = row.PersonId, OccurredAt = row.OccurredAt.ToTimestamp(), ReportingAgency = row.ReportingAgency };
        if (seesDetails)
        {
            details.Description = row.Description;
            details.AllegedPerpetratorId = row.AllegedPerpetratorId ?? "";
            details.Categories.AddRange(StoredLists.Read(row.Categories).Select(EnumWords<AbuseCategory>.Value));
        }
        return new Incident
        {
            IncidentId = row.IncidentId, Details = details, RecordedAt = row.RecordedAt.ToTimestamp(),
            RecordedBy = seesDetails ? row.RecordedBy : "", RepeatAfterMarac = row.RepeatAfterMarac,
        };
    }

    public static DashAssessment ToProto(DashAssessmentRow row, bool seesDetails)
    {
        var assessment = new DashAssessment
        {
            AssessmentId = row.AssessmentId, PersonId = row.PersonId, Agency = row.Agency, AssessedBy = row.AssessedBy,
            AssessedAt = row.AssessedAt.ToTimestamp(), Level = DashScoring.Level(row.Level), ChecklistVersion = row.ChecklistVersion,
            SupersededByAssessmentId = row.SupersededByAssessmentId ?? "", IncidentId = row.IncidentId ?? "", Restricted = !seesDetails,
            Marac = Recommendation(row, seesDetails),
        };
        if (seesDetails)
        {
            assessment.Score = row.Score;
            assessment.ScoredLevel = DashScoring.Level(row.ScoredLevel);
            assessment.ProfessionalJudgement = DashScoring.Level(row.JudgementLevel);
            assessment.JudgementReason = row.JudgementReason ?? "";
            assessment.Responses.AddRange(Responses(row.Responses));
        }
        return assessment;
    }

    public static MaracReferral ToProto(MaracReferralRow row, PersonAccess access) => new()
    {
        MaracReferralId = row.MaracReferralId, PersonId = row.PersonId, ReferringAgency = row.ReferringAgency, Area = AreaDisclosure.Shown(row.Area, row.ReferringAgency, access),
        Criterion = EnumWords<MaracCriterion>.Value(row.Criterion), AssessmentId = row.AssessmentId ?? "",
        ReferredAt = row.ReferredAt.ToTimestamp(), ReferredBy = row.ReferredBy, MeetingAt = row.MeetingAt?.ToTimestamp(),
        MeetingNote = row.MeetingNote ?? "", Version = row.Version,
    };

    public static string ResponsesJson(IEnumerable<DashResponse> responses) =>
        JsonSerializer.Serialize(responses.ToDictionary(r => r.QuestionId, r => EnumWords<DashAnswer>.Word(r.Answer), StringComparer.Ordinal));

    private static IEnumerable<DashResponse> Responses(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
        .OrderBy(pair => pair.Key, StringComparer.Ordinal)
        .Select(pair => new DashResponse { QuestionId = pair.Key, Answer = EnumWords<DashAnswer>.Value(pair.Value) });

    /// <summary>Whether MARAC was recommended shows to everyone; which criteria and why, to those who see the details.</summary>
    public static MaracRecommendation Recommendation(DashAssessmentRow row, bool seesDetails)
    {
        var criteria = StoredLists.Read(row.MaracCriteria);
        var recommendation = new MaracRecommendation { Recommended = criteria.Length > 0 };
        if (seesDetails)
        {
            recommendation.Criteria.AddRange(criteria.Select(EnumWords<MaracCriterion>.Value));
            recommendation.Reasons.AddRange(StoredLists.Read(row.MaracReasons));
        }
        return recommendation;
    }
}
