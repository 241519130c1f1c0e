using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// One service's audit trail as the aggregator reads it: its own database in the same process
/// (<see cref="DatabaseAuditSource"/>), or the service's internal AuditLogService in another
/// (<see cref="RemoteAuditSource"/>). Either records the read in that service's trail.
/// </summary>
public interface IAuditSource
{
    /// <summary>The service's name in lower case, e.g. "registry"; the trail's entries carry it.</summary>
    string Service { get; }

    Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditRead read, CancellationToken cancellationToken);
}

/// <summary>
/// A page request to one source, on behalf of an auditor: the caller for a local source, the
/// bearer token a remote one forwards so that the service checks and audits the same person.
/// </summary>
public sealed record AuditRead(AuditQuery Query, AuditPosition? After, int Take, Caller Caller, string? Authorization);

/// <summary>The services whose trails the platform's audit API reads, as this host knows them.</summary>
public interface IAuditSources
{
    IReadOnlyList<IAuditSource> All();
}
