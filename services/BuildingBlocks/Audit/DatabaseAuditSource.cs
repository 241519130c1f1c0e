using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Audit;

/// <summary>
/// A service's trail in its own database. Every service database has one (the platform
/// migrations create it), so registering the database registers its trail.
/// </summary>
public sealed class DatabaseAuditSource(ServiceDatabase database, TimeProvider clock) : IAuditSource
{
    public const string ReadAction = "audit.read";

    public const string AuditorBasis = "Auditor";

    public string Service { get; } = database.Service.ToLowerInvariant();

    /// <summary>The page, and an entry saying who read it and with what filter, in one transaction.</summary>
    public Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditRead read, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (db, tx) =>
        {
            var records = await AuditLog.ReadAsync(db, tx, database.Dialect, read.Query, read.After, read.Take);
            var caller = read.Caller;
            await AuditLog.WriteAsync(db, tx, new AuditEntry(clock.GetUtcNow(), caller.Subject, caller.Role, caller.Agency,
                ReadAction, read.Query.PersonId, AuditorBasis, read.Query.Describe()));
            return records;
        }, cancellationToken);
}

/// <summary>Every service database registered in this host: one in a service's own process, all in the standalone host.</summary>
public sealed class LocalAuditSources(IEnumerable<DatabaseAuditSource> sources) : IAuditSources
{
    private readonly IReadOnlyList<IAuditSource> _sources = sources.OrderBy(s => s.Service, StringComparer.Ordinal).ToList();

    public IReadOnlyList<IAuditSource> All() => _sources;
}
