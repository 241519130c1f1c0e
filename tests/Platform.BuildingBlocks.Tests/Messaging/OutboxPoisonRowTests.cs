using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents;
using Platform.IntegrationEvents.Registry;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// A row that cannot be sent stops nothing but itself: it backs off, is parked after its last
/// attempt with the error, and an admin puts it back in line. Rows are stored under stable names.
/// </summary>
public sealed class OutboxPoisonRowTests : IAsyncLifetime
{
    private static readonly OutboxOptions ThreeAttempts = new()
    {
        MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(25),
    };

    private TempSqlite _file = null!;
    private BusHost _bus = null!;
    private OutboxDispatcher<TestDatabase> _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        _bus = await BusHost.StartAsync(_file.Database, (_, _) => { });
        _dispatcher = Dispatchers.ThroughBus(_file.Database, _bus.Bus, ThreeAttempts);
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public async Task Outbox_row_holds_the_stable_event_name_not_the_clr_name()
    {
        await CommitAsync("p-named");

        var row = Assert.Single(await OutboxRow.AllAsync(_file));

        Assert.Equal("registry.person-registered.v1", row.MessageType);
        Assert.NotNull(row.EnqueuedAt);
    }

    [Fact]
    public void Every_integration_event_has_its_own_stable_name()
    {
        var contracts = typeof(IntegrationEvent).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && type.IsAssignableTo(typeof(IntegrationEvent))).ToList();

        var names = contracts.Select(OutboxMessageTypes.NameOf).ToList();

        Assert.Equal(contracts.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.Matches(@"^(registry|engagement|housing|safeguarding)\.[a-z]+(-[a-z]+)*\.v[0-9]+$", name));
    }

    [Fact]
    public async Task Row_written_under_the_clr_name_before_names_were_stable_is_still_sent()
    {
        await InsertRawAsync(typeof(PersonRegistered).FullName!, """{"personId":"p-legacy","registeredByAgency":"outreach-bristol"}""");

        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal("p-legacy", Assert.Single(_bus.Published.Of<PersonRegistered>()).Message.PersonId);
    }

    [Fact]
    public async Task Unknown_event_name_fails_that_row_only_and_the_rows_after_it_are_sent()
    {
        await InsertRawAsync("registry.person-vanished.v1", "{}");
        await CommitAsync("p-after-poison");

        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal("p-after-poison", Assert.Single(_bus.Published.Of<PersonRegistered>()).Message.PersonId);
        var (poison, after) = (await OutboxRow.AllAsync(_file)) switch { var rows => (rows[0], rows[1]) };
        Assert.Null(poison.SentAt);
        Assert.Equal(1, poison.Attempts);
        Assert.Contains("registry.person-vanished.v1", poison.LastError, StringComparison.Ordinal);
        Assert.NotNull(after.SentAt);
    }

    [Fact]
    public async Task Failed_row_waits_its_backoff_before_the_next_attempt_doubling_each_time()
    {
        await InsertRawAsync(typeof(PersonRegistered).FullName!, "{ not json");

        await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        var afterFirst = Assert.Single(await OutboxRow.AllAsync(_file));
        await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        var stillWaiting = Assert.Single(await OutboxRow.AllAsync(_file));
        await ElapseBackoffAsync();
        await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        var afterSecond = Assert.Single(await OutboxRow.AllAsync(_file));

        Assert.Equal(1, afterFirst.Attempts);
        Assert.InRange(afterFirst.NextAttemptAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10.5));
        Assert.Equal(1, stillWaiting.Attempts);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.InRange(afterSecond.NextAttemptAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20.5));
        Assert.DoesNotContain("not json", afterSecond.LastError, StringComparison.Ordinal);
        Assert.Null(afterSecond.ParkedAt);
    }

    [Fact]
    public async Task Row_is_parked_with_its_error_after_the_last_attempt_and_never_tried_again()
    {
        await InsertRawAsync("registry.person-vanished.v1", "{}");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await _dispatcher.DispatchBatchAsync(CancellationToken.None);
            await ElapseBackoffAsync();
        }

        var row = Assert.Single(await OutboxRow.AllAsync(_file));
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.ParkedAt);
        Assert.Null(row.SentAt);
        Assert.StartsWith(nameof(UnreadableOutboxRowException), row.LastError, StringComparison.Ordinal);
        var status = await OutboxStatus.ReadAsync(_file.Database);
        Assert.Equal(1, status.Parked);
        Assert.Equal(TimeSpan.Zero, status.Lag);
    }

    [Fact]
    public async Task Parked_row_is_listed_and_once_requeued_and_repaired_is_sent()
    {
        var messageId = await InsertRawAsync("registry.person-vanished.v1", "{}");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _dispatcher.DispatchBatchAsync(CancellationToken.None);
            await ElapseBackoffAsync();
        }
        var admin = new OutboxAdministration<TestDatabase>(_file.Database);

        var parked = Assert.Single(await admin.ListParkedAsync(0, 10, CancellationToken.None));
        // The contract the row names is deployed again (here: the row renamed to it).
        await _file.ExecuteAsync("UPDATE outbox_messages SET message_type = 'registry.person-registered.v1', payload = @Payload",
            new { Payload = """{"personId":"p-requeued","registeredByAgency":"outreach-bristol"}""" });
        var requeued = await admin.RequeueAsync(messageId, CancellationToken.None);
        var again = await admin.RequeueAsync(messageId, CancellationToken.None);
        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(messageId, parked.MessageId);
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("person-vanished", parked.LastError, StringComparison.Ordinal);
        Assert.Equal(messageId, requeued?.MessageId);
        Assert.Null(again);
        Assert.Equal(1, sent);
        Assert.Equal(Guid.Parse(messageId), Assert.Single(_bus.Published.Of<PersonRegistered>()).MessageId);
        Assert.Empty(await admin.ListParkedAsync(0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Status_reports_the_age_of_the_oldest_unsent_row()
    {
        await CommitAsync("p-waiting");
        await _file.ExecuteAsync(
            $"UPDATE outbox_messages SET enqueued_at = {Platform.BuildingBlocks.Data.SqlDialect.Sqlite.NowPlus("-120000")}");

        var status = await OutboxStatus.ReadAsync(_file.Database);

        Assert.InRange(status.Lag, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(125));
        Assert.Equal(0, status.Parked);
    }

    /// <summary>Moves every row's next attempt to now: the backoff has passed, without waiting for it.</summary>
    private Task ElapseBackoffAsync() =>
        _file.ExecuteAsync($"UPDATE outbox_messages SET next_attempt_at = {Platform.BuildingBlocks.Data.SqlDialect.Sqlite.NowPlus("-1")} WHERE next_attempt_at IS NOT NULL");

    private async Task<string> InsertRawAsync(string type, string payload)
    {
        var id = Guid.NewGuid().ToString();
        await _file.ExecuteAsync(
            "INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at) VALUES (@Id, @Type, @Payload, @At)",
            new { Id = id, Type = type, Payload = payload, At = DateTimeOffset.UtcNow });
        return id;
    }

    private Task CommitAsync(string personId) =>
        _file.Database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, new PersonRegistered
        {
            PersonId = personId, RegisteredByAgency = "outreach-bristol", OccurredAt = DateTimeOffset.UtcNow,
        }));
}
