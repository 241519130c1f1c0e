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
        RunAsync(call, (_, _) => Task.FromResult(personId), action, work);

    /// <summary>
    /// The same, for a record that belongs to a person (an involvement, a relationship): the person is
    /// found inside the transaction, so the decision and the work see the same state.
    /// </summary>
    public async Task<T> RunAsync<T>(
        ServerCallContext call, Func<DbConnection, DbTransaction, Task<string>> personOf, string action,
        Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var caller = Caller.From(call);
        var reason = BreakGlass.Reason(call);
        string? personId = null;
        try
        {
            return await database.InTransactionAsync(async (db, tx) =>
            {
                personId = await personOf(db, tx);
                var known = await facts.GetAsync(personId, db, tx, call.CancellationToken)
                    ?? throw new NotFoundException("Person", personId);
                var basis = LegitimateRelationshipRule.Decide(caller, known, reason)
                    ?? throw new AccessRefused();
                await AuditLog.WriteAsync(db, tx, Entry(caller, action, personId, basis.ToString(), reason));
                return await work(db, tx);
            }, call.CancellationToken);
        }
        catch (PermissionDeniedException)
        {
            // Refused by the work itself after access was granted (another agency's contact to amend,
            // a record opened by break-glass to share onwards): the granted entry rolled back with it.
            await AuditRefusalAsync(caller, action, personId, reason);
            throw;
        }
        catch (AccessRefused)
        {
            await AuditRefusalAsync(caller, action, personId, reason);
            throw new PermissionDeniedException(
                "No legitimate relationship with this person: your agency is not involved, the person has not " +
                $"lived in your area, and no sharing record grants access. Give a reason in the '{BreakGlassHeader}' " +
                "header to open the record as break-glass; the access will be audited.");
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

    private Task AuditRefusalAsync(Caller caller, string action, string? personId, string? reason) =>
        database.InTransactionAsync(
            (db, tx) => AuditLog.WriteAsync(db, tx, Entry(caller, action, personId, DeniedBasis, reason)), CancellationToken.None);

    public AuditEntry Entry(Caller caller, string action, string? personId, string basis, string? reason) =>
        new(clock.GetUtcNow(), caller.Subject, caller.Role, caller.Agency, action, personId, basis, reason);

    private sealed class AccessRefused : Exception;
}
