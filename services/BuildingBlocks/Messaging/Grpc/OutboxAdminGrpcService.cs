using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Operations.V1;

namespace Platform.BuildingBlocks.Messaging.Grpc;

/// <summary>
/// platform.operations.v1.OutboxAdminService over this host's outboxes (one per service it hosts):
/// admins only, each call in the named service's own audit trail (basis <c>Admin</c>).
/// </summary>
[Authorize(Roles = PlatformRoles.Admin)]
public sealed class OutboxAdminGrpcService(IEnumerable<IOutboxAdministration> outboxes, TimeProvider clock)
    : OutboxAdminService.OutboxAdminServiceBase
{
    /// <summary>The header by which the gateway routes a gRPC call to the service it names.</summary>
    public const string ServiceHeader = "x-platform-service";

    private const int DefaultPageSize = 100;
    private const int MaximumPageSize = 500;

    public override async Task<ListParkedMessagesResponse> ListParkedMessages(ListParkedMessagesRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var service = ServiceNamed(request.Service, context, v);
        long after = 0;
        v.Check(request.PageSize is >= 0 and <= MaximumPageSize, "page_size", $"must be between 0 and {MaximumPageSize}")
            .Check(request.PageToken.Length == 0 || (long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after > 0),
                "page_token", "must be a token from a previous response")
            .ThrowIfInvalid();
        var outbox = Outbox(service!);
        var take = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var rows = await outbox.ListParkedAsync(after, take + 1, context.CancellationToken,
            Audited(context, "outbox.parked.list", $"service {outbox.Service}"));
        var response = new ListParkedMessagesResponse
        {
            NextPageToken = rows.Count > take ? rows[take - 1].Seq.ToString(CultureInfo.InvariantCulture) : "",
        };
        response.Messages.AddRange(rows.Take(take).Select(ToProto));
        return response;
    }

    public override async Task<RequeueParkedMessageResponse> RequeueParkedMessage(RequeueParkedMessageRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var service = ServiceNamed(request.Service, context, v);
        v.Check(Guid.TryParse(request.MessageId, out _), "message_id", "must be a message id").ThrowIfInvalid();
        var outbox = Outbox(service!);
        var parked = await outbox.RequeueAsync(request.MessageId, context.CancellationToken,
            Audited(context, "outbox.parked.requeue", $"service {outbox.Service}, message {request.MessageId}"))
            ?? throw new NotFoundException("Parked message", request.MessageId);
        return new RequeueParkedMessageResponse { Message = ToProto(parked) };
    }

    /// <summary>The request's service, or over gRPC without one, the service the gateway routed by.</summary>
    private static string? ServiceNamed(string requested, ServerCallContext context, Validator v)
    {
        var service = requested.Length > 0 ? requested : context.RequestHeaders.GetValue(ServiceHeader) ?? "";
        v.Check(service.Length is > 0 and <= 64, "service", "must name a service, e.g. registry");
        return service;
    }

    private IOutboxAdministration Outbox(string service) =>
        outboxes.FirstOrDefault(outbox => outbox.Service == service)
        ?? throw new NotFoundException("Outbox of service", service);

    private AuditEntry Audited(ServerCallContext context, string action, string reason)
    {
        var caller = Caller.From(context);
        return new AuditEntry(clock.GetUtcNow(), caller.Subject, caller.Role, caller.Agency, action, null, "Admin", reason);
    }

    private static Operations.V1.ParkedMessage ToProto(ParkedMessage row) => new()
    {
        MessageId = row.MessageId,
        MessageType = row.MessageType,
        OccurredAt = Timestamp.FromDateTimeOffset(row.OccurredAt),
        Attempts = row.Attempts,
        LastError = row.LastError ?? "",
        ParkedAt = Timestamp.FromDateTimeOffset(row.ParkedAt),
    };
}
