using Google.Protobuf.WellKnownTypes;
using Platform.Safeguarding;
using Platform.Safeguarding.V1;
using Platform.Testing;

namespace Platform.Engagement.Tests.CrossService.Confidential;

/// <summary>
/// Her safeguarding records. Before the move her former area raised a concern. At the refuge the named
/// agency's safeguarding lead raises one, agrees a plan with an action for her former outreach team,
/// refers her to that team and to MARAC: each of those records is made in the refuge area, so each names it.
/// </summary>
public sealed partial class RefugeWorld
{
    public static readonly Identity NamedLead = Identity.SafeguardingLead(Named, RefugeArea);

    public string FormerConcernId { get; private set; } = "";
    public string RefugeConcernId { get; private set; } = "";
    public string RefugePlanId { get; private set; } = "";
    public string RefugeReferralId { get; private set; } = "";

    private async Task SafeguardBeforeTheMoveAsync() =>
        FormerConcernId = (await new ConcernService.ConcernServiceClient(Host.Channel(FormerOutreach))
            .RaiseConcernAsync(new RaiseConcernRequest { Details = Concern("Her partner takes her money") })).ConcernId;

    private async Task SafeguardAtTheRefugeAsync()
    {
        var channel = Host.Channel(NamedLead);
        RefugeConcernId = (await new ConcernService.ConcernServiceClient(channel)
            .RaiseConcernAsync(new RaiseConcernRequest { Details = Concern("He found her phone number") })).ConcernId;
        RefugePlanId = (await new PlanService.PlanServiceClient(channel).AgreePlanAsync(new AgreePlanRequest
        {
            PersonId = PersonId, ConcernId = RefugeConcernId, LeadProfessional = "Refuge keyworker", Level = RiskLevel.High,
            Risks = { new PlanRisk { Description = "He is looking for her", Level = RiskLevel.High } },
            Actions =
            {
                new PlanAction
                {
                    Description = "Keep in touch by phone as she asked", OwnerAgency = FormerOutreach.Agency, OwnerRole = "Outreach worker",
                    DueAt = Timestamp.FromDateTimeOffset(Now.AddDays(-1)), // overdue: on her former team's worklist
                },
            },
            Participants = { new Participant { Kind = ParticipantKind.ThePerson } },
            FamilyInvolvement = "She asked that her family are not told where she is",
            NextReviewAt = Timestamp.FromDateTimeOffset(Now.AddDays(28)),
        })).PlanId;
        RefugeReferralId = (await new ReferralService.ReferralServiceClient(channel).SendReferralAsync(new SendReferralRequest
        {
            PersonId = PersonId, Kind = ReferralKind.Other, ToAgency = FormerOutreach.Agency, Reason = "Her history with your team",
        })).ReferralId;
        await new DomesticAbuseService.DomesticAbuseServiceClient(channel).RecordMaracReferralAsync(new RecordMaracReferralRequest
        {
            PersonId = PersonId, Criterion = MaracCriterion.ProfessionalJudgement,
        });
        // Her chronology has heard of every safeguarding record.
        await UntilAsync<EngagementDatabase>("SELECT COUNT(*) FROM chronology WHERE person_id = @PersonId AND kind = 'safeguarding'", atLeast: 3);
    }

    private ConcernDetails Concern(string description) => new()
    {
        PersonId = PersonId, Source = ConcernSource.VoluntarySector, RaisedBy = "keyworker", Categories = { AbuseCategory.Domestic },
        LocationOfRisk = RiskLocation.OwnHome, Description = description, ImmediateRisk = false,
    };
}
