using Google.Protobuf.WellKnownTypes;
using Platform.Audit.V1;

namespace Platform.BuildingBlocks.Audit.Grpc;

/// <summary>An audit entry as the API shows it, and back (the gateway reads services' entries over gRPC).</summary>
public static class AuditEvents
{
    public static AuditEvent ToProto(string service, AuditEntry entry) => new()
    {
        Service = service, At = Timestamp.FromDateTimeOffset(entry.At), Actor = entry.Actor, Role = entry.Role,
        Agency = entry.Agency, Action = entry.Action, PersonId = entry.PersonId ?? "", Basis = entry.Basis, Reason = entry.Reason ?? "",
    };

    public static AuditEntry FromProto(AuditEvent proto) => new(
        proto.At.ToDateTimeOffset(), proto.Actor, proto.Role, proto.Agency, proto.Action,
        proto.PersonId.Length == 0 ? null : proto.PersonId, proto.Basis, proto.Reason.Length == 0 ? null : proto.Reason);
}
