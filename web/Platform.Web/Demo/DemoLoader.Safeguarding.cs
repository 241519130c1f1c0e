using Grpc.Net.Client;
using Platform.BuildingBlocks.Security;
using Platform.Safeguarding.V1;
using SafeguardingRisk = Platform.Safeguarding.V1.RiskLevel;

namespace Platform.Web.Demo;

/// <summary>Safeguarding's part: concerns and DASH assessments.</summary>
public sealed partial class DemoLoader
{
    /// <summary>A concern raised by adult social care and, for every other one, a DASH assessment at high risk.</summary>
    private async Task SafeguardingAsync(GrpcChannel channel, DemoPerson woman, string personId, CancellationToken cancellationToken)
    {
        var lead = As(PlatformRoles.SafeguardingLead, woman.Area.AdultSocialCareAgency, woman.Area, cancellationToken);
        var concerns = new ConcernService.ConcernServiceClient(channel);
        var existing = await UntilKnownAsync(() => concerns.ListConcernsAsync(new ListConcernsRequest { PersonId = personId }, lead).ResponseAsync, cancellationToken);
        if (existing.Concerns.Count > 0)
        {
            return;
        }
        await UntilKnownAsync(() => concerns.RaiseConcernAsync(new RaiseConcernRequest
        {
            Details = new Platform.Safeguarding.V1.ConcernDetails
            {
                PersonId = personId, Source = ConcernSource.VoluntarySector, RaisedBy = "Outreach key worker (demo)",
                Categories = { AbuseCategory.Domestic, AbuseCategory.FinancialOrMaterial },
                LocationOfRisk = RiskLocation.OwnHome, Description = "She describes her partner controlling her money and phone (demo).",
            },
        }, lead).ResponseAsync, cancellationToken);
        if (int.Parse(woman.Identifier["DEMO-".Length..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0)
        {
            var domesticAbuse = new DomesticAbuseService.DomesticAbuseServiceClient(channel);
            var checklist = await domesticAbuse.GetDashChecklistAsync(new GetDashChecklistRequest(), lead);
            var assessment = new RecordDashAssessmentRequest { PersonId = personId, ProfessionalJudgement = SafeguardingRisk.Unspecified };
            assessment.Responses.AddRange(checklist.Questions.Select((q, i) => new DashResponse
            {
                QuestionId = q.QuestionId, Answer = i < 15 ? DashAnswer.Yes : DashAnswer.No,
            }));
            await domesticAbuse.RecordDashAssessmentAsync(assessment, lead);
        }
    }
}
