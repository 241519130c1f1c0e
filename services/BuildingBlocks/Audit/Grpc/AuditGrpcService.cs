using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.V1;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Audit.Grpc;

/// <summary>
/// The platform's audit API, served where callers meet the platform: the standalone host over its
/// own databases, the gateway over each service's internal endpoint. Auditors only (the role is
/// checked before anything else, so others learn nothing of the rules of the request).
/// </summary>
[Authorize(Roles = PlatformRoles.AuditReaders)]
public sealed class AuditGrpcService(IAuditSources sources) : AuditService.AuditServiceBase
{
    public override async Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var query = AuditRequests.Query(request.PersonId, request.Subject, request.Agency, request.From, request.Until, v);
        v.PageSize(request.PageSize, AuditTrail.MaximumPageSize).ThrowIfInvalid();
        var page = await AuditTrail.ReadPageAsync(sources.All(), query, request.PageToken, request.PageSize,
            Caller.From(context), context.RequestHeaders.GetValue("authorization"), context.CancellationToken);
        var response = new ListAuditEventsResponse { NextPageToken = page.NextPageToken };
        response.Events.AddRange(page.Entries.Select(e => AuditEvents.ToProto(e.Service, e.Record.Entry)));
        return response;
    }
}
