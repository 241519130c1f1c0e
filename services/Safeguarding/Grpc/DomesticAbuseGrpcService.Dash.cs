using Grpc.Core;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// The DASH checklist, assessments that supersede the last (history kept), the MARAC criteria they
/// meet, and MARAC referrals with their meetings. A change of the level that stands is published as
/// RiskLevelChanged; a recommendation as MaracReferralRecommended.
/// </summary>
public sealed partial class DomesticAbuseGrpcService
{
    public override Task<V1.DashChecklist> GetDashChecklist(GetDashChecklistRequest request, ServerCallContext context)
    {
        var answer = new V1.DashChecklist
        {
            Version = checklist.Version, HighThreshold = options.HighThreshold, MediumThreshold = options.MediumThreshold,
        };
        answer.Questions.AddRange(checklist.Questions.Select(q => new DashQuestion { QuestionId = q.Id, Number = q.Number, Text = q.Text }));
        return Task.FromResult(answer);
    }

    public override Task<DashAssessment> RecordDashAssessment(RecordDashAssessmentRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var v = new Validator().RequiredId(request.PersonId, "person_id")
            .Agencies(request.NamedAgencies, "named_agencies");
        if (request.IncidentId.Length > 0)
        {
            v.RequiredId(request.IncidentId, "incident_id");
        }
        var assessedAt = SafeguardingRequests.PastOrNow(v, request.AssessedAt, "assessed_at", now);
        var result = scoring.Score(v, request.Responses, request.ProfessionalJudgement, request.JudgementReason);
        v.ThrowIfInvalid();
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(request.PersonId, "person_id"), "safeguarding.dash.record", async (access, db, tx) =>
        {
            if (request.IncidentId.Length > 0 && await store.PersonOfIncidentAsync(db, tx, request.IncidentId) != request.PersonId)
            {
                throw new InvalidArgumentException("incident_id", "is not an incident recorded for this person");
            }
            var incidents = (await store.IncidentsAsync(db, tx, request.PersonId)).Select(i => i.OccurredAt).ToList();
            var lastReferral = await store.LastMaracReferralAsync(db, tx, request.PersonId);
            var met = marac.Evaluate(new MaracFacts(now, result, incidents, lastReferral));
            var current = await store.CurrentAssessmentAsync(db, tx, request.PersonId);
            var row = new DashAssessmentRow
            {
                AssessmentId = Guid.NewGuid().ToString(), PersonId = request.PersonId, Agency = caller.Agency, AssessedBy = caller.Subject,
                AssessedAt = assessedAt, ChecklistVersion = checklist.Version, Responses = DomesticAbuseMapping.ResponsesJson(request.Responses),
                Score = result!.Score, ScoredLevel = DashScoring.Word(result.ScoredLevel),
                JudgementLevel = result.Judgement == RiskLevel.Unspecified ? null : DashScoring.Word(result.Judgement),
                JudgementReason = ConcernGrpcService.NullIfEmpty(request.JudgementReason), Level = DashScoring.Word(result.Level),
                MaracCriteria = StoredLists.Write(met.Select(m => EnumWords<MaracCriterion>.Word(m.Criterion))),
                MaracReasons = StoredLists.Write(met.Select(m => m.Reason)),
                NamedAgencies = StoredLists.Write(SafeguardingRequests.Distinct(request.NamedAgencies).Where(a => a != caller.Agency)),
                IncidentId = ConcernGrpcService.NullIfEmpty(request.IncidentId), RecordedAt = now,
            };
            await store.InsertAssessmentAsync(db, tx, row, current);
            if (current?.Level != row.Level)
            {
                await Outbox.EnqueueAsync(db, tx, new RiskLevelChanged
                {
                    PersonId = row.PersonId, RiskLevel = row.Level, PreviousRiskLevel = current?.Level, Agency = row.Agency, OccurredAt = now,
                });
            }
            if (met.Count > 0)
            {
                await Outbox.EnqueueAsync(db, tx, new MaracReferralRecommended
                {
                    PersonId = row.PersonId, Agency = row.Agency, AssessmentId = row.AssessmentId,
                    Criteria = met.Select(m => EnumWords<MaracCriterion>.Word(m.Criterion)).ToList(), OccurredAt = now,
                });
            }
            return DomesticAbuseMapping.ToProto(row, seesDetails: true);
        });
    }

    public override Task<ListDashAssessmentsResponse> ListDashAssessments(ListDashAssessmentsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.dash.list", async (access, db, tx) =>
        {
            var response = new ListDashAssessmentsResponse();
            var onPlan = await OnHerPlanAsync(db, tx, request.PersonId, access.Caller);
            response.Assessments.AddRange((await store.AssessmentsAsync(db, tx, request.PersonId))
                .Select(row => DomesticAbuseMapping.ToProto(row, onPlan || DomesticAbuseMapping.Team(row).SeesDetails(access.Caller))));
            return response;
        });
    }

    public override Task<MaracReferral> RecordMaracReferral(RecordMaracReferralRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var v = new Validator().RequiredId(request.PersonId, "person_id").KnownEnum(request.Criterion, "criterion");
        if (request.AssessmentId.Length > 0)
        {
            v.RequiredId(request.AssessmentId, "assessment_id");
        }
        var referredAt = SafeguardingRequests.PastOrNow(v, request.ReferredAt, "referred_at", now);
        v.ThrowIfInvalid();
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(request.PersonId, "person_id"), "safeguarding.marac.refer", async (access, db, tx) =>
        {
            if (request.AssessmentId.Length > 0 && await store.PersonOfAssessmentAsync(db, tx, request.AssessmentId) != request.PersonId)
            {
                throw new InvalidArgumentException("assessment_id", "is not a DASH assessment of this person");
            }
            var row = new MaracReferralRow
            {
                MaracReferralId = Guid.NewGuid().ToString(), PersonId = request.PersonId, ReferringAgency = caller.Agency,
                Area = caller.LocalAuthority, Criterion = EnumWords<MaracCriterion>.Word(request.Criterion),
                AssessmentId = ConcernGrpcService.NullIfEmpty(request.AssessmentId), ReferredAt = referredAt, ReferredBy = caller.Subject, Version = 1,
            };
            await store.InsertMaracReferralAsync(db, tx, row);
            return DomesticAbuseMapping.ToProto(row, access);
        });
    }

    public override Task<MaracReferral> RecordMaracMeeting(RecordMaracMeetingRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.MaracReferralId, "marac_referral_id").ExpectedVersion(request.ExpectedVersion)
            .Check(request.MeetingAt is not null, "meeting_at", "is required")
            .MaxLength(request.Note, "note", SafeguardingRequests.TextLength);
        var meetingAt = request.MeetingAt is null ? default : Instants.Read(request.MeetingAt, "meeting_at")!.Value;
        v.ThrowIfInvalid();
        return guard.RunAsync(context, async (db, tx) => (await store.MaracReferralAsync(db, tx, request.MaracReferralId)).PersonId,
            "safeguarding.marac.meeting", async (access, db, tx) =>
            {
                var row = await store.MaracReferralAsync(db, tx, request.MaracReferralId);
                if (!new Domain.SafeguardingTeam(row.ReferringAgency, row.Area, []).SeesDetails(access.Caller))
                {
                    throw new PermissionDeniedException("Only the referring agency, and safeguarding leads of its area, record the meeting.");
                }
                access.RequireMayWriteFor(row.ReferringAgency);
                row.MeetingAt = meetingAt;
                row.MeetingNote = ConcernGrpcService.NullIfEmpty(request.Note);
                await store.RecordMeetingAsync(db, tx, row, request.ExpectedVersion);
                return DomesticAbuseMapping.ToProto(row, access);
            });
    }

    public override Task<ListMaracReferralsResponse> ListMaracReferrals(ListMaracReferralsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.marac.list", async (access, db, tx) =>
        {
            var response = new ListMaracReferralsResponse();
            response.Referrals.AddRange((await store.MaracReferralsAsync(db, tx, request.PersonId)).Select(row => DomesticAbuseMapping.ToProto(row, access)));
            return response;
        });
    }
}
