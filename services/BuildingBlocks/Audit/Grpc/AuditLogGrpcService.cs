using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.V1;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Audit.Grpc;

/// <summary>
/// A service's own trail for the gateway's audit API: the same checks as the public API (it is
/// reachable inside the cluster), the same reading code, and the read audited here.
/// </summary>
[Authorize(Roles = PlatformRoles.AuditReaders)]
public sealed class AuditLogGrpcService(IEnumerable<DatabaseAuditSource> sources) : AuditLogService.AuditLogServiceBase
{
    public override async Task<ReadAuditLogResponse> ReadAuditLog(ReadAuditLogRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var query = AuditRequests.Query(request.PersonId, request.Subject, request.Agency, request.From, request.Until, v);
        var after = request.After is null ? (AuditPosition?)null
            : new AuditPosition(Instants.Read(request.After.At, "after.at") ?? default, request.After.Sequence);
        v.PageSize(request.PageSize, AuditTrail.MaximumPageSize + 1)
            .Check(request.After is null || (request.After.At is not null && request.After.Sequence >= 0), "after", "must name an entry's time and sequence")
            .ThrowIfInvalid();
        var source = sources.SingleOrDefault(s => s.Service == request.Service)
            ?? throw new NotFoundException("Audit log of service", request.Service);
        var take = request.PageSize == 0 ? AuditTrail.DefaultPageSize : request.PageSize;
        var records = await source.ReadAsync(new AuditRead(query, after, take, Caller.From(context), null), context.CancellationToken);
        var response = new ReadAuditLogResponse();
        response.Entries.AddRange(records.Select(r => new AuditLogEntry { Event = AuditEvents.ToProto(source.Service, r.Entry), Sequence = r.Sequence }));
        return response;
    }
}
