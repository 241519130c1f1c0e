using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.Engagement.Data;
using Platform.Engagement.V1;
using static Platform.Engagement.V1.ImportResult.Types;

namespace Platform.Engagement.Grpc;

/// <summary>
/// Bulk import from a partner's case system. Each item is keyed by (source system, source id): an
/// item already stored is answered as a duplicate and stored nothing. Bad items are rejected with
/// their reasons and the good ones around them are stored; each person whose contacts were stored
/// or refused is audited once per batch.
/// </summary>
public sealed class ContactImport(
    EngagementDatabase database,
    PersonAccessGuard<EngagementDatabase> guard,
    ContactStore contacts,
    ContactRecorder recorder,
    TimeProvider clock)
{
    public async Task ImportAsync(
        Caller caller, IReadOnlyList<ImportContactsRequest> batch, ImportContactsResponse response, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var first = response.Results.Count;
        var results = batch.Select((item, i) => new ImportResult
        {
            Index = first + i, SourceSystem = item.SourceSystem, SourceId = item.SourceId,
        }).ToArray();
        var rows = new ContactRow?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            rows[i] = Validate(batch[i], caller, now, results[i]);
        }
        await database.InTransactionAsync(async (db, tx) =>
        {
            await SkipDuplicatesAsync(db, tx, rows, results);
            var known = await ProjectedPeople.KnownAsync(db, tx,
                rows.OfType<ContactRow>().SelectMany(r => r.OthersPresentList.Append(r.PersonId)).ToHashSet(StringComparer.Ordinal));
            // One audit entry per person per batch: who imported whose contacts, when, on what basis.
            var audit = new List<AuditEntry>();
            var audited = new HashSet<string>(StringComparer.Ordinal);
            var decisions = await guard.DecideManyAsync(caller,
                rows.OfType<ContactRow>().Select(r => r.PersonId).Where(known.Contains).ToHashSet(StringComparer.Ordinal), db, tx, cancellationToken);
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i] is not { } row)
                {
                    continue;
                }
                if (!known.Contains(row.PersonId))
                {
                    Reject(rows, results, i, "details.person_id: is not a person in the registry");
                    continue;
                }
                var basis = decisions[row.PersonId];
                if (audited.Add(row.PersonId))
                {
                    audit.Add(guard.Entry(caller, "engagement.contact.import", row.PersonId, basis?.ToString() ?? PersonAccessGuard<EngagementDatabase>.DeniedBasis, null));
                }
                if (basis is null)
                {
                    Reject(rows, results, i, "details.person_id: no legitimate relationship with this person");
                }
                else if (row.OthersPresentList.FirstOrDefault(id => !known.Contains(id)) is { } stranger)
                {
                    Reject(rows, results, i, $"details.others_present: {stranger} is not a person in the registry");
                }
            }
            SkipRepeatsInBatch(rows, results);
            var stored = rows.OfType<ContactRow>().ToList();
            await recorder.RecordAsync(db, tx, stored, now, checkNow: false);
            await AuditLog.WriteAsync(db, tx, audit);
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i] is { } row)
                {
                    results[i].Status = Status.Stored;
                    results[i].ContactId = row.ContactId;
                }
            }
        }, cancellationToken);
        response.Results.AddRange(results);
        response.Stored += results.Count(r => r.Status == Status.Stored);
        response.Duplicates += results.Count(r => r.Status == Status.Duplicate);
        response.Rejected += results.Count(r => r.Status == Status.Rejected);
    }

    private static ContactRow? Validate(ImportContactsRequest item, Caller caller, DateTimeOffset now, ImportResult result)
    {
        try
        {
            new Validator().Required(item.SourceSystem, "source_system", 100).Required(item.SourceId, "source_id", 100).ThrowIfInvalid();
            var row = ContactInput.ToRow(item.Details, caller, now);
            row.SourceSystem = item.SourceSystem;
            row.SourceId = item.SourceId;
            return row;
        }
        catch (InvalidArgumentException invalid)
        {
            result.Status = Status.Rejected;
            result.Reasons.AddRange(invalid.Violations.Select(v => $"{v.Field}: {v.Description}"));
            return null;
        }
    }

    /// <summary>Items stored by an earlier import are duplicates.</summary>
    private async Task SkipDuplicatesAsync(
        System.Data.Common.DbConnection db, System.Data.Common.DbTransaction tx, ContactRow?[] rows, ImportResult[] results)
    {
        var seen = new Dictionary<(string, string), string>();
        foreach (var system in rows.OfType<ContactRow>().GroupBy(r => r.SourceSystem!, StringComparer.Ordinal))
        {
            var stored = await contacts.ImportedAsync(db, tx, system.Key, system.Select(r => r.SourceId!).ToHashSet(StringComparer.Ordinal));
            foreach (var (sourceId, contactId) in stored)
            {
                seen[(system.Key, sourceId)] = contactId;
            }
        }
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }
            if (seen.TryGetValue((row.SourceSystem!, row.SourceId!), out var existing))
            {
                results[i].Status = Status.Duplicate;
                results[i].ContactId = existing;
                rows[i] = null;
            }
        }
    }

    /// <summary>
    /// An item sent twice in one batch is stored once, as the first of its copies that passed every
    /// check: a copy rejected for access or for others present must not swallow a corrected one.
    /// </summary>
    private static void SkipRepeatsInBatch(ContactRow?[] rows, ImportResult[] results)
    {
        var first = new Dictionary<(string, string), string>();
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }
            if (first.TryGetValue((row.SourceSystem!, row.SourceId!), out var kept))
            {
                results[i].Status = Status.Duplicate;
                results[i].ContactId = kept;
                rows[i] = null;
            }
            else
            {
                first[(row.SourceSystem!, row.SourceId!)] = row.ContactId;
            }
        }
    }

    private static void Reject(ContactRow?[] rows, ImportResult[] results, int i, string reason)
    {
        rows[i] = null;
        results[i].Status = Status.Rejected;
        results[i].Reasons.Add(reason);
    }
}
