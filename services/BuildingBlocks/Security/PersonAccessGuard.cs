using System.Data.Common;
using Grpc.Core;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Every handler that touches a person's data goes through here: the legitimate-relationship rule
/// decides, the audit entry is written in the same transaction as the work, and a refusal is
/// audited too (after the refused work has rolled back).
/// </summary>
public sealed class PersonAccessGuard<TDatabase>(
    TDatabase database,
    IPersonAccessFactsSource facts,
    TimeProvider clock)
    where TDatabase : ServiceDatabase
{
    public const string BreakGlassHeader = BreakGlass.Header;

    public const int MaximumReasonLength = BreakGlass.MaximumReasonLength;

    /// <summary>The basis recorded for a refused access, so auditors find every refusal by one word.</summary>
    public const string DeniedBasis = "Denied";

    /// <summary>Runs <paramref name="work"/> on the person's data if the caller may, auditing the access.</summary>
    public Task<T> RunAsync<T>(
        ServerCallContext call, string personId, string action,
        Func<DbConnection, DbTransaction, Task<T>> work) =>
        RunAsync(call, (_, _) => Task.FromResult(personId), action, (_, db, tx) => work(db, tx));

    /// <summary>
    /// The same, for a write that must be judged by how the caller sees the person
    /// (<see cref="PersonAccess.Require"/>). <paramref name="purpose"/> is what the caller says the
    /// write is for, kept as the audit entry's reason when no break-glass reason was given.
    /// </summary>
    public Task<T> RunAsync<T>(
        ServerCallContext call, string personId, string action,
        Func<PersonAccess, DbConnection, DbTransaction, Task<T>> work, string? purpose = null) =>
        RunAsync(call, (_, _) => Task.FromResult(personId), action, work, purpose);

    /// <summary>
    /// The same, for a record that belongs to a person (an involvement, a relationship): the person is
    /// found inside the transaction, so the decision and the work see the same state.
    /// </summary>
    public Task<T> RunAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<DbConnection, DbTransaction, Task<T>> work) =>
        RunAsync(call, personOf, action, (_, db, tx) => work(db, tx));

    /// <summary>
    /// The same as <see cref="RunAsync{T}(ServerCallContext, string, string, Func{DbConnection, DbTransaction, Task{T}})"/>
    /// for work that only reads. On SQLite the decision and the read run as a reader beside the
    /// database's writer, and the audit entry joins the writer's next group commit; the answer is
    /// released only once that entry is durable, so there is no read without its audit record.
    /// </summary>
    public Task<T> ReadAsync<T>(
        ServerCallContext call, string personId, string action, Func<DbConnection, DbTransaction, Task<T>> work) =>
        GuardAsync(call, (_, _) => Task.FromResult(personId), action, (_, db, tx) => work(db, tx), purpose: null, readOnly: true);

    /// <summary>A read judged by how the caller sees the person (<see cref="PersonAccess"/>).</summary>
    public Task<T> ReadAsync<T>(
        ServerCallContext call, string personId, string action, Func<PersonAccess, DbConnection, DbTransaction, Task<T>> work) =>
        GuardAsync(call, (_, _) => Task.FromResult(personId), action, work, purpose: null, readOnly: true);

    /// <summary>A read of a record that belongs to a person, found inside the read.</summary>
    public Task<T> ReadAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<DbConnection, DbTransaction, Task<T>> work) =>
        GuardAsync(call, personOf, action, (_, db, tx) => work(db, tx), purpose: null, readOnly: true);

    /// <summary>The same, judged by how the caller sees the person.</summary>
    public Task<T> ReadAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<PersonAccess, DbConnection, DbTransaction, Task<T>> work) =>
        GuardAsync(call, personOf, action, work, purpose: null, readOnly: true);

    /// <summary>The write form of the guard: the decision, its audit entry and the work in one transaction.</summary>
    public Task<T> RunAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<PersonAccess, DbConnection, DbTransaction, Task<T>> work, string? purpose = null) =>
        GuardAsync(call, personOf, action, work, purpose, readOnly: false);

    /// <summary>
    /// The one implementation of the above. A refusal, whether no relationship or the work's own
    /// (<see cref="PermissionDeniedException"/>), is audited after the refused work has rolled back.
    /// </summary>
    private async Task<T> GuardAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<PersonAccess, DbConnection, DbTransaction, Task<T>> work, string? purpose, bool readOnly)
    {
        var caller = Caller.From(call);
        var reason = BreakGlass.Reason(call);
        var auditReason = reason ?? purpose;
        string? personId = null;
        async Task<(PersonAccess Access, AuditEntry Entry)> DecideAsync(DbConnection db, DbTransaction tx)
        {
            personId = await personOf(db, tx);
            var known = await facts.GetAsync(personId, db, tx, call.CancellationToken)
                ?? throw new NotFoundException("Person", personId);
            var basis = LegitimateRelationshipRule.Decide(caller, known, reason) ?? throw new AccessRefused();
            return (new PersonAccess(caller, basis, known), Entry(caller, action, personId, basis.ToString(), auditReason));
        }
        try
        {
            if (!readOnly || database.Dialect != SqlDialect.Sqlite)
            {
                return await database.InTransactionAsync(async (db, tx) =>
                {
                    var (access, entry) = await DecideAsync(db, tx);
                    await AuditLog.WriteAsync(db, tx, entry);
                    return await work(access, db, tx);
                }, call.CancellationToken);
            }
            var (result, audit) = await database.ReadAsync(async (db, tx) =>
            {
                var (access, entry) = await DecideAsync(db, tx);
                return (await work(access, db, tx), entry);
            }, call.CancellationToken);
            // Not the call's token: once read, the read is recorded even if the caller has gone.
            await database.InTransactionAsync((db, tx) => AuditLog.WriteAsync(db, tx, audit), CancellationToken.None);
            return result;
        }
        catch (AccessRefused)
        {
            await AuditRefusalAsync(caller, action, personId, auditReason);
            throw new PermissionDeniedException(
                "No legitimate relationship with this person: your agency is not involved, the person has not " +
                $"lived in your area, and no sharing record grants access. Give a reason in the '{BreakGlassHeader}' " +
                "header to open the record as break-glass; the access will be audited.");
        }
        catch (PermissionDeniedException)
        {
            await AuditRefusalAsync(caller, action, personId, auditReason);
            throw;
        }
    }

    /// <summary>May the caller see this person? Used to filter lists without auditing a refusal.</summary>
    public async Task<AccessBasis?> DecideAsync(Caller caller, string personId, string? reason, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var known = await facts.GetAsync(personId, db, tx, cancellationToken);
        return known is null ? null : LegitimateRelationshipRule.Decide(caller, known, reason);
    }

    /// <summary>The same for many people in a few statements; a person the service does not know maps to null.</summary>
    public async Task<IReadOnlyDictionary<string, AccessBasis?>> DecideManyAsync(
        Caller caller, IReadOnlyCollection<string> personIds, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var known = await facts.GetManyAsync(personIds, db, tx, cancellationToken);
        return personIds.Distinct(StringComparer.Ordinal).ToDictionary(
            id => id,
            id => known.TryGetValue(id, out var found) ? LegitimateRelationshipRule.Decide(caller, found, null) : null,
            StringComparer.Ordinal);
    }

    public AuditEntry Entry(Caller caller, string action, string? personId, string basis, string? reason) =>
        new(clock.GetUtcNow(), caller.Subject, caller.Role, caller.Agency, action, personId, basis, Clip(reason));

    private Task AuditRefusalAsync(Caller caller, string action, string? personId, string? reason) =>
        database.InTransactionAsync(
            (db, tx) => AuditLog.WriteAsync(db, tx, Entry(caller, action, personId, DeniedBasis, reason)), CancellationToken.None);

    /// <summary>The audit trail keeps a reason of up to this many characters; the record written keeps it whole.</summary>
    private static string? Clip(string? reason) =>
        reason is { Length: > AuditEntry.MaximumReasonLength } ? reason[..AuditEntry.MaximumReasonLength] : reason;

    private sealed class AccessRefused : Exception;
}
