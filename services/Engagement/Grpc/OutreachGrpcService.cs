using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Engagement.Data;
using Platform.Engagement.V1;

namespace Platform.Engagement.Grpc;

/// <summary>
/// The worklists: people needing assertive outreach, and handovers the receiving area has not yet
/// taken on. A list shows only people the caller may see, and each person shown is audited.
/// </summary>
[Authorize(Roles = PlatformRoles.Caseworkers)]
public sealed partial class OutreachGrpcService(
    EngagementDatabase database,
    PersonAccessGuard<EngagementDatabase> guard,
    EpisodeStore episodes,
    HandoverStore handovers,
    ContactStore contacts,
    HandoverRecorder recorder,
    TimeProvider clock) : OutreachService.OutreachServiceBase
{
    public override Task<ListOutreachWorklistResponse> ListOutreachWorklist(ListOutreachWorklistRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        BreakGlass.RefuseForManyPeople(context);
        var area = GssCode.Normalise(request.LocalAuthority);
        new Validator()
            .Check(request.Agency.Length == 0 || request.LocalAuthority.Length == 0, "local_authority", "give an agency or an area, not both")
            .Check(request.LocalAuthority.Length == 0 || GssCode.IsValid(area), "local_authority", "must be a nine-character GSS code such as E06000023")
            .MaxLength(request.Agency, "agency", 100)
            .Check(request.Agency.Length > 0 || request.LocalAuthority.Length > 0 || caller.Agency.Length > 0,
                "agency", "is required: your token names no agency")
            .ThrowIfInvalid();
        return database.InTransactionAsync(async (db, tx) =>
        {
            var now = clock.GetUtcNow();
            var open = request.LocalAuthority.Length > 0
                ? await episodes.OpenForAreaAsync(db, tx, area!)
                : await episodes.OpenForAgencyAsync(db, tx, request.Agency.Length > 0 ? request.Agency : caller.Agency, now);
            var response = new ListOutreachWorklistResponse();
            var audit = new List<AuditEntry>();
            foreach (var episode in open)
            {
                if (await guard.DecideAsync(caller, episode.PersonId, null, db, tx, context.CancellationToken) is not { } basis)
                {
                    continue;
                }
                audit.Add(guard.Entry(caller, "engagement.outreach.list", episode.PersonId, basis.ToString(), null));
                response.Items.Add(new OutreachItem
                {
                    PersonId = episode.PersonId, EpisodeId = episode.EpisodeId, Rule = episode.RuleName, Reason = episode.Reason,
                    DetectedAt = Timestamp.FromDateTimeOffset(episode.DetectedAt), RiskLevel = episode.RiskLevel,
                    LastSuccessfulContact = episode.LastSuccessAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                    AttemptsSinceLastSuccess = episode.AttemptsSinceSuccess,
                });
            }
            await AuditLog.WriteAsync(db, tx, audit);
            return response;
        }, context.CancellationToken);
    }
}
