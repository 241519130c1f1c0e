using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Audit;

/// <summary>
/// The aggregator over two real service databases (SQLite files with the platform migrations):
/// merged newest first, keyset pages that neither repeat nor skip, the token bound to its filter,
/// and every read recorded in the trail it read.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    // Long past, so that the entries recording each read (at the real time) fall outside every period read.
    private static readonly DateTimeOffset Start = new(2020, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Auditor = new("auditor@sab", new HashSet<string> { PlatformRoles.Auditor }, "sab-audit", "E06000023");
    private const string Person = "6f1c4a52-9d1e-4a53-8f0e-2b3c4d5e6f70";

    private TempSqlite _registry = null!;
    private TempSqlite _housing = null!;
    private IReadOnlyList<IAuditSource> _sources = [];

    public async Task InitializeAsync()
    {
        _registry = await TempSqlite.MigratedAsync("Registry");
        _housing = await TempSqlite.MigratedAsync("Housing");
        var clock = TimeProvider.System;
        _sources = [new DatabaseAuditSource(_registry.Database, clock), new DatabaseAuditSource(_housing.Database, clock)];
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _housing.DisposeAsync();
    }

    [Fact]
    public async Task Pages_merge_both_services_newest_first_without_repeats_or_gaps()
    {
        // Minutes 0..9, alternating between the two services.
        for (var minute = 0; minute < 10; minute++)
        {
            await WriteAsync(minute % 2 == 0 ? _registry : _housing, Entry(minute, "worker@a", "agency-a"));
        }

        var read = await ReadAllAsync(Query(subject: "worker@a"), pageSize: 3);

        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(m => Start.AddMinutes(m)), read.Select(e => e.Record.Entry.At));
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(m => m % 2 == 0 ? "registry" : "housing"), read.Select(e => e.Service));
    }

    [Fact]
    public async Task Entries_recorded_while_paging_do_not_shift_the_pages_already_read()
    {
        for (var minute = 0; minute < 6; minute++)
        {
            await WriteAsync(_registry, Entry(minute, "worker@a", "agency-a"));
        }
        var query = Query(agency: "agency-a");

        var first = await PageAsync(query, "", 3);
        await WriteAsync(_registry, Entry(30, "worker@a", "agency-a"));
        var second = await PageAsync(query, first.NextPageToken, 3);

        Assert.Equal([5, 4, 3], Minutes(first));
        Assert.Equal([2, 1, 0], Minutes(second));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task An_entry_recorded_while_paging_in_a_service_not_yet_read_from_does_not_appear_after_older_ones()
    {
        for (var minute = 10; minute < 13; minute++)
        {
            await WriteAsync(_registry, Entry(minute, "worker@a", "agency-a"));
        }
        await WriteAsync(_housing, Entry(1, "worker@a", "agency-a"));
        var query = Query(subject: "worker@a");

        var first = await PageAsync(query, "", 2);
        // As the record of a read would be: newer than everything, in the service that had nothing on the first page.
        await WriteAsync(_housing, Entry(50, "worker@a", "agency-a"));
        var second = await PageAsync(query, first.NextPageToken, 2);

        Assert.Equal([12, 11], Minutes(first));
        Assert.Equal([10, 1], Minutes(second));
    }

    [Fact]
    public async Task Filters_combine_and_the_period_excludes_its_end()
    {
        await WriteAsync(_registry, Entry(0, "worker@a", "agency-a", Person));
        await WriteAsync(_registry, Entry(1, "worker@b", "agency-a", Person));
        await WriteAsync(_housing, Entry(2, "worker@a", "agency-b", Person));
        await WriteAsync(_housing, Entry(3, "worker@a", "agency-a", "11111111-2222-3333-4444-555555555555"));
        await WriteAsync(_registry, Entry(60, "worker@a", "agency-a", Person));

        var page = await PageAsync(Query(person: Person, subject: "worker@a", agency: "agency-a", until: Start.AddMinutes(60)), "", 10);

        Assert.Equal([0], Minutes(page));
    }

    [Fact]
    public async Task Each_page_read_is_recorded_in_the_trail_of_every_service_read()
    {
        await WriteAsync(_registry, Entry(0, "worker@a", "agency-a", Person));

        await PageAsync(Query(person: Person), "", 10);

        foreach (var trail in new[] { _registry, _housing })
        {
            var reads = await trail.QueryAsync<(string Actor, string Action, string Basis, string Reason)>(
                "SELECT actor, action, basis, reason FROM audit_log WHERE action = 'audit.read'");
            var read = Assert.Single(reads);
            Assert.Equal(("auditor@sab", "Auditor"), (read.Actor, read.Basis));
            Assert.Contains($"person={Person}", read.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_cannot_page_a_different_filter()
    {
        for (var minute = 0; minute < 4; minute++)
        {
            await WriteAsync(_registry, Entry(minute, "worker@a", "agency-a"));
        }
        var first = await PageAsync(Query(subject: "worker@a"), "", 2);

        var widened = await Assert.ThrowsAsync<InvalidArgumentException>(() => PageAsync(Query(agency: "agency-a"), first.NextPageToken, 2));
        var longer = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            PageAsync(Query(subject: "worker@a", until: Start.AddDays(2)), first.NextPageToken, 2));

        Assert.Equal("page_token", Assert.Single(widened.Violations).Field);
        Assert.Equal("page_token", Assert.Single(longer.Violations).Field);
    }

    [Fact]
    public async Task An_edited_token_or_one_from_other_services_is_refused()
    {
        for (var minute = 0; minute < 4; minute++)
        {
            await WriteAsync(_registry, Entry(minute, "worker@a", "agency-a"));
        }
        var query = Query(subject: "worker@a");
        var token = (await PageAsync(query, "", 2)).NextPageToken;
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
        var edited = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text.Replace("registry:", "registry:9", StringComparison.Ordinal)));

        await Assert.ThrowsAsync<InvalidArgumentException>(() => PageAsync(query, edited, 2));
        await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            AuditTrail.ReadPageAsync([_sources[0]], query, token, 2, Auditor, null, CancellationToken.None));
    }

    private Task<AuditPage> PageAsync(AuditQuery query, string token, int pageSize) =>
        AuditTrail.ReadPageAsync(_sources, query, token, pageSize, Auditor, null, CancellationToken.None);

    private async Task<List<TrailEntry>> ReadAllAsync(AuditQuery query, int pageSize)
    {
        var all = new List<TrailEntry>();
        var token = "";
        do
        {
            var page = await PageAsync(query, token, pageSize);
            Assert.True(page.Entries.Count <= pageSize);
            all.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private static AuditQuery Query(string? person = null, string? subject = null, string? agency = null, DateTimeOffset? until = null) =>
        new(person, subject, agency, Start.AddDays(-1), until ?? Start.AddDays(1));

    private static AuditEntry Entry(int minute, string actor, string agency, string? person = null) =>
        new(Start.AddMinutes(minute), actor, PlatformRoles.SupportWorker, agency, "person.read", person ?? Person, "Involvement", null);

    private static int[] Minutes(AuditPage page) => page.Entries.Select(e => (int)(e.Record.Entry.At - Start).TotalMinutes).ToArray();

    private static async Task WriteAsync(TempSqlite trail, AuditEntry entry) =>
        await trail.Database.InTransactionAsync((db, tx) => AuditLog.WriteAsync(db, tx, entry));
}
