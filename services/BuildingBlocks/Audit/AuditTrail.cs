using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Audit;

/// <summary>One entry of the platform's trail: the service that holds it, and the entry.</summary>
public sealed record TrailEntry(string Service, AuditRecord Record);

public sealed record AuditPage(IReadOnlyList<TrailEntry> Entries, string NextPageToken);

/// <summary>
/// The one way to read the audit trail: every source asked for the next page after its own
/// position, in parallel, and their entries merged newest first. Each source records the read in
/// its service's trail. Sources that answer fewer entries than asked are read to their end.
/// </summary>
public static class AuditTrail
{
    public const int DefaultPageSize = 100;

    public const int MaximumPageSize = 500;

    /// <summary>A page of the trail over <paramref name="sources"/>; the token is checked against the query.</summary>
    public static async Task<AuditPage> ReadPageAsync(
        IReadOnlyList<IAuditSource> sources, AuditQuery query, string pageToken, int pageSize,
        Caller caller, string? authorization, CancellationToken cancellationToken)
    {
        var take = pageSize == 0 ? DefaultPageSize : pageSize;
        var names = sources.Select(s => s.Service).ToList();
        var token = pageToken.Length == 0 ? AuditPageToken.Start(names)
            : AuditPageToken.Read(pageToken, query, names)
              ?? throw new InvalidArgumentException("page_token", "is not a token issued for this filter; start again without one");
        var open = sources.Where(s => !token.Trails[s.Service].Done).ToList();
        var read = await Task.WhenAll(open.Select(async source => (source.Service, Records: await source.ReadAsync(
            new AuditRead(query, token.Trails[source.Service].After, take + 1, caller, authorization), cancellationToken))));

        var page = read.SelectMany(r => r.Records.Select(record => new TrailEntry(r.Service, record)))
            .OrderByDescending(e => e.Record.Entry.At).ThenBy(e => e.Service, StringComparer.Ordinal)
            .ThenByDescending(e => e.Record.Sequence)
            .Take(take).ToList();
        foreach (var (service, records) in read)
        {
            var taken = page.Where(e => e.Service == service).Select(e => e.Record).ToList();
            // Every entry it answered is on this page, and it answered fewer than asked: nothing older is left.
            var done = taken.Count == records.Count && records.Count <= take;
            token = token.With(service, new TrailState(taken.Count > 0 ? taken[^1].Position : token.Trails[service].After, done));
        }
        return new AuditPage(page, token.Finished ? "" : token.Write(query));
    }
}
