using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Safeguarding.Data;
using Platform.Safeguarding.Domain.DomesticAbuse;
using Platform.Safeguarding.V1;

namespace Platform.Safeguarding.Grpc;

/// <summary>
/// Domestic abuse incidents and the MARAC criteria they meet. Anyone who works with the person
/// records an incident or a DASH assessment (<c>DomesticAbuseGrpcService.Dash.cs</c>) in their
/// own agency's name; a partner system or admin may record in another agency's, on a standing basis.
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class DomesticAbuseGrpcService(
    PersonAccessGuard<SafeguardingDatabase> guard,
    DomesticAbuseStore store,
    PlanStore plans,
    DashQuestionSet checklist,
    DashScoring scoring,
    MaracCriteria marac,
    DomesticAbuseOptions options,
    TimeProvider clock) : DomesticAbuseService.DomesticAbuseServiceBase
{
    public override Task<Incident> RecordIncident(RecordIncidentRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(context);
        var details = request.Details ?? new IncidentDetails();
        var v = new Validator().Check(request.Details is not null, "details", "is required")
            .RequiredId(details.PersonId, "details.person_id")
            .Check(details.OccurredAt is not null, "details.occurred_at", "is required: when it happened")
            .MaxLength(details.ReportingAgency, "details.reporting_agency", SafeguardingRequests.AgencyLength)
            .Required(details.Description, "details.description", SafeguardingRequests.TextLength)
            .KnownEnums(details.Categories, "details.categories", required: false);
        if (details.AllegedPerpetratorId.Length > 0)
        {
            v.RequiredId(details.AllegedPerpetratorId, "details.alleged_perpetrator_id")
                .Check(details.AllegedPerpetratorId != details.PersonId, "details.alleged_perpetrator_id", "is the person herself");
        }
        var occurredAt = SafeguardingRequests.PastOrNow(v, details.OccurredAt, "details.occurred_at", now);
        v.ThrowIfInvalid();
        var row = new IncidentRow
        {
            IncidentId = Guid.NewGuid().ToString(), PersonId = details.PersonId, OccurredAt = occurredAt,
            ReportingAgency = details.ReportingAgency.Length > 0 ? details.ReportingAgency.Trim() : caller.Agency,
            Description = details.Description.Trim(), AllegedPerpetratorId = ConcernGrpcService.NullIfEmpty(details.AllegedPerpetratorId),
            Categories = StoredLists.Write(details.Categories.Distinct().Select(EnumWords<AbuseCategory>.Word).Order(StringComparer.Ordinal)),
            RecordedAt = now, RecordedBy = caller.Subject,
        };
        return guard.RunAsync(context, ConcernGrpcService.KnownPerson(row.PersonId, "details.person_id"), "safeguarding.incident.record", async (access, db, tx) =>
        {
            access.RequireMayWriteFor(row.ReportingAgency);
            if (row.AllegedPerpetratorId is { } perpetrator && (await ProjectedPeople.KnownAsync(db, tx, [perpetrator])).Count == 0)
            {
                throw new InvalidArgumentException("details.alleged_perpetrator_id", "is not a person in the registry");
            }
            var lastReferral = await store.LastMaracReferralAsync(db, tx, row.PersonId);
            row.RepeatAfterMarac = lastReferral is { } last && marac.IsRepeat(row.OccurredAt, last);
            await store.InsertIncidentAsync(db, tx, row);
            var incidents = (await store.IncidentsAsync(db, tx, row.PersonId)).Select(i => i.OccurredAt).ToList();
            var met = marac.Evaluate(new MaracFacts(now, null, incidents, lastReferral));
            // A further incident is what makes escalation or a repeat: recommend on the incident itself.
            if (met.Count > 0 && (row.RepeatAfterMarac || met.Any(m => m.Criterion == MaracCriterion.PotentialEscalation)))
            {
                await Outbox.EnqueueAsync(db, tx, new MaracReferralRecommended
                {
                    PersonId = row.PersonId, Agency = row.ReportingAgency, IncidentId = row.IncidentId,
                    Criteria = met.Select(m => EnumWords<MaracCriterion>.Word(m.Criterion)).ToList(), OccurredAt = now,
                });
            }
            return DomesticAbuseMapping.ToProto(row, seesDetails: true);
        });
    }

    public override Task<ListIncidentsResponse> ListIncidents(ListIncidentsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.incident.list", async (access, db, tx) =>
        {
            var response = new ListIncidentsResponse();
            var onPlan = await OnHerPlanAsync(db, tx, request.PersonId, access.Caller);
            response.Incidents.AddRange((await store.IncidentsAsync(db, tx, request.PersonId))
                .Select(row => DomesticAbuseMapping.ToProto(row, onPlan || DomesticAbuseMapping.Team(row).SeesDetails(access.Caller))));
            return response;
        });
    }

    public override Task<RiskSummary> GetRiskSummary(GetRiskSummaryRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        var now = clock.GetUtcNow();
        return guard.ReadAsync(context, request.PersonId, "safeguarding.risk.read", async (access, db, tx) =>
        {
            var current = await store.CurrentAssessmentAsync(db, tx, request.PersonId);
            var seesDetails = current is not null
                && (DomesticAbuseMapping.Team(current).SeesDetails(access.Caller) || await OnHerPlanAsync(db, tx, request.PersonId, access.Caller));
            var incidents = await store.IncidentsAsync(db, tx, request.PersonId);
            var last = await store.LastMaracReferralAsync(db, tx, request.PersonId);
            return new RiskSummary
            {
                PersonId = request.PersonId, Level = current is null ? RiskLevel.Standard : DashScoring.Level(current.Level),
                CurrentAssessmentId = current?.AssessmentId ?? "",
                IncidentsLast12Months = incidents.Count(i => i.OccurredAt > now.AddMonths(-options.EscalationWindowMonths) && i.OccurredAt <= now),
                LastMaracReferralAt = last?.ToTimestamp(), MaracRepeatWindow = marac.InRepeatWindow(now, last),
                Marac = current is null ? null : DomesticAbuseMapping.Recommendation(current, seesDetails),
            };
        });
    }

    /// <summary>The caller's agency leads or is named on an open plan of hers (any of her linked records).</summary>
    private Task<bool> OnHerPlanAsync(System.Data.Common.DbConnection db, System.Data.Common.DbTransaction tx, string personId, Caller caller) =>
        plans.NamesAgencyForPersonAsync(db, tx, personId, caller.Agency);
}
