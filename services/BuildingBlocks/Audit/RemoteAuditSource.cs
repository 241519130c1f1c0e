using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Audit.V1;
using Platform.BuildingBlocks.Audit.Grpc;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// A service's trail in another process, read through its internal AuditLogService with the
/// auditor's own token, so the service checks the role and records the read as for a local read.
/// A service that cannot answer makes the whole read UNAVAILABLE: an auditor is never shown a
/// trail with one service silently missing.
/// </summary>
public sealed class RemoteAuditSource(string service, Func<AuditLogService.AuditLogServiceClient?> connect, TimeSpan timeout) : IAuditSource
{
    public string Service { get; } = service;

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditRead read, CancellationToken cancellationToken)
    {
        var client = connect() ?? throw new ServiceUnavailableException($"No instance of the {Service} service is available to read its audit trail.");
        var headers = new Metadata();
        if (read.Authorization is { Length: > 0 } authorization)
        {
            headers.Add("authorization", authorization);
        }
        try
        {
            var response = await client.ReadAuditLogAsync(Request(read), headers, DateTime.UtcNow + timeout, cancellationToken);
            return response.Entries.Select(e => new AuditRecord(e.Sequence, AuditEvents.FromProto(e.Event))).ToList();
        }
        catch (RpcException error) when (error.StatusCode is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.Cancelled))
        {
            throw new ServiceUnavailableException($"The {Service} service did not answer for its audit trail ({error.StatusCode}); try again.");
        }
    }

    private ReadAuditLogRequest Request(AuditRead read) => new()
    {
        Service = Service, PersonId = read.Query.PersonId ?? "", Subject = read.Query.Subject ?? "", Agency = read.Query.Agency ?? "",
        From = Timestamp.FromDateTimeOffset(read.Query.From), Until = Timestamp.FromDateTimeOffset(read.Query.Until),
        After = read.After is { } after ? new AuditLogPosition { At = Timestamp.FromDateTimeOffset(after.At), Sequence = after.Sequence } : null,
        PageSize = read.Take,
    };
}
