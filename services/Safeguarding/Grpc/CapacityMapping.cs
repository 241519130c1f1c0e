using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Data;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Capacity assessments as the API shows them. The decision assessed, the test and its outcome are
/// health data: the assessing agency, agencies on her open plan and safeguarding leads see them;
/// others who may see her see that an assessment was made, when and by which agency.
/// </summary>
internal static class CapacityMapping
{
    public static SafeguardingTeam Team(CapacityAssessmentRow row) => new(row.Agency, null, []);

    public static CapacityAssessment ToProto(CapacityAssessmentRow row, bool seesDetails)
    {
        var assessment = new CapacityAssessment
        {
            AssessmentId = row.AssessmentId, PersonId = row.PersonId, AssessedAt = row.AssessedAt.ToTimestamp(), Agency = row.Agency,
            SupersededByAssessmentId = row.SupersededByAssessmentId ?? "", Restricted = !seesDetails,
        };
        if (!seesDetails)
        {
            return assessment;
        }
        assessment.Decision = row.Decision;
        assessment.AssessedBy = row.AssessedBy;
        assessment.Test = new CapacityTest
        {
            Impairment = row.Impairment, ImpairmentReason = row.ImpairmentReason, Understands = row.Understands, Retains = row.Retains,
            UsesOrWeighs = row.UsesOrWeighs, Communicates = row.Communicates, FunctionalReason = row.FunctionalReason,
        };
        assessment.Outcome = EnumWords<CapacityOutcome>.Value(row.Outcome);
        assessment.BestInterestsDecision = row.BestInterestsDecision ?? "";
        assessment.Consulted.AddRange(StoredLists.Read(row.Consulted));
        assessment.ExecutiveFunctionConcern = row.ExecutiveFunctionConcern;
        assessment.ExecutiveFunctionNote = row.ExecutiveFunctionNote ?? "";
        assessment.SupportGiven = row.SupportGiven ?? "";
        return assessment;
    }
}
