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
            // Every entry it answered is on this page, and it answered fewer than asked: nothing older is left.
            var done = page.Count == 0 || (page.Count(e => e.Service == service) == records.Count && records.Count <= take);
            token = token.With(service, new TrailState(done ? null : PositionAfter(page[^1], service), done));
        }
        return new AuditPage(page, token.Finished ? "" : token.Write(query));
    }

    /// <summary>
    /// Where a service's trail resumes: after the page's last entry in the merged order (time, then
    /// service, then sequence), for every service, read from or not. A service with nothing on the
    /// page must not resume from its newest entry, or entries recorded since (this very read among
    /// them) would appear after older ones.
    /// </summary>
    private static AuditPosition PositionAfter(TrailEntry last, string service)
    {
        var order = string.CompareOrdinal(service, last.Service);
        return order == 0 ? last.Record.Position
            // Ordered before the last entry at the same instant: any such entry is on the page already.
            : order < 0 ? new AuditPosition(last.Record.Entry.At, 0)
            : new AuditPosition(last.Record.Entry.At, long.MaxValue);
    }
}
