using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Tests.Support;
using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Messaging;

/// <summary>
/// The outbox on SQLite with the in-memory bus. The dispatcher is driven one batch at a time, so
/// every assertion about what was (not) published is exact rather than timed.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TempSqlite _file = null!;
    private BusHost _bus = null!;
    private OutboxDispatcher<TestDatabase> _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.MigratedAsync();
        _bus = await BusHost.StartAsync(_file.Database, (services, instance) =>
            services.AddSingleton(new ConsumerRegistration(typeof(RecordingConsumer<PersonRegistered>), $"{instance}-record")));
        _dispatcher = NewDispatcher();
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public async Task Event_written_in_a_transaction_that_rolls_back_is_never_published()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => _file.Database.InTransactionAsync(async (db, tx) =>
        {
            await Outbox.EnqueueAsync(db, tx, Registered("p-rolled-back"));
            throw new InvalidOperationException("the state change failed");
        }));

        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal("the state change failed", failed.Message);
        Assert.Equal(0, sent);
        Assert.Empty(await OutboxRow.AllAsync(_file));
        Assert.Empty(_bus.Published.Of<PersonRegistered>());
    }

    [Fact]
    public async Task Committed_event_is_published_once_with_the_outbox_message_id_and_the_row_marked_sent()
    {
        await CommitAsync(Registered("p-committed"));
        var row = Assert.Single(await OutboxRow.AllAsync(_file));

        var first = await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        var second = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var (messageId, message) = Assert.Single(_bus.Published.Of<PersonRegistered>());
        Assert.Equal(Guid.Parse(row.MessageId), messageId);
        Assert.Equal("p-committed", message.PersonId);
        var received = await _bus.Events.WaitForAsync<PersonRegistered>(e => e.PersonId == "p-committed");
        Assert.Equal("outreach-bristol", received.RegisteredByAgency);
        var marked = Assert.Single(await OutboxRow.AllAsync(_file));
        Assert.NotNull(marked.SentAt);
        Assert.Null(marked.LeaseOwner);
        Assert.Null(marked.LeaseUntil);
        Assert.Equal(0, marked.Attempts);
    }

    [Fact]
    public async Task Rows_are_published_in_commit_order()
    {
        var order = new[] { "p-3", "p-1", "p-5", "p-2", "p-4" };
        foreach (var personId in order)
        {
            await CommitAsync(Registered(personId));
        }

        var sent = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(order.Length, sent);
        Assert.Equal(order, _bus.Published.Of<PersonRegistered>().Select(p => p.Message.PersonId));
        var rows = await OutboxRow.AllAsync(_file);
        Assert.Equal(rows.Select(r => Guid.Parse(r.MessageId)), _bus.Published.Of<PersonRegistered>().Select(p => p.MessageId!.Value));
    }

    [Fact]
    public async Task Row_leased_by_another_replica_is_left_alone_until_the_database_clock_passes_its_lease()
    {
        await CommitAsync(Registered("p-leased"));
        // Another replica's lease, taken by the database's clock: this host's clock plays no part.
        await _file.ExecuteAsync(
            $"UPDATE outbox_messages SET lease_owner = 'other-replica', lease_until = {SqlDialect.Sqlite.NowPlus("1500")}");
        _clock.Advance(TimeSpan.FromHours(1));

        var whileLeased = await _dispatcher.DispatchBatchAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.6));
        var afterExpiry = await _dispatcher.DispatchBatchAsync(CancellationToken.None);

        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterExpiry);
        Assert.Equal("p-leased", Assert.Single(_bus.Published.Of<PersonRegistered>()).Message.PersonId);
    }

    [Fact]
    public async Task Two_dispatchers_publish_each_row_once()
    {
        for (var i = 0; i < 20; i++)
        {
            await CommitAsync(Registered($"p-race-{i}"));
        }
        var other = NewDispatcher();

        var sent = await Task.WhenAll(
            _dispatcher.DispatchBatchAsync(CancellationToken.None),
            other.DispatchBatchAsync(CancellationToken.None));

        Assert.Equal(20, sent.Sum());
        var published = _bus.Published.Of<PersonRegistered>().Select(p => p.Message.PersonId).ToList();
        Assert.Equal(20, published.Count);
        Assert.Equal(20, published.Distinct().Count());
    }

    [Fact]
    public async Task Running_dispatcher_publishes_a_commit_without_waiting_for_its_poll()
    {
        await using var bus = await BusHost.StartAsync(_file.Database, (services, instance) =>
        {
            services.AddSingleton(new ConsumerRegistration(typeof(RecordingConsumer<PersonRegistered>), $"{instance}-record"));
            services.AddOutboxDispatcher<TestDatabase>();
        });
        // Let the dispatcher finish its first (empty) round and wait on the commit signal.
        await Task.Delay(300);

        var started = DateTime.UtcNow;
        await CommitAsync(Registered("p-signalled"));
        await bus.Events.WaitForAsync<PersonRegistered>(e => e.PersonId == "p-signalled", TimeSpan.FromSeconds(10));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5), "the commit should wake the dispatcher, not the 2 s poll");
        await Eventually.HoldsAsync(async () => (await OutboxRow.AllAsync(_file)).All(r => r.SentAt is not null), "the row is marked sent");
    }

    [Fact]
    public async Task Idle_running_dispatcher_sleeps_until_a_commit_or_its_poll_instead_of_spinning()
    {
        var clock = new CountingClock();
        await using var bus = await BusHost.StartAsync(_file.Database, (services, _) => services.AddOutboxDispatcher<TestDatabase>(), clock: clock);
        await Task.Delay(500);

        var before = clock.Reads;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var rounds = clock.Reads - before;

        // One round reads the clock once; with a 2 s poll an idle second holds at most one round.
        Assert.True(rounds <= 2, $"the idle dispatcher ran {rounds} rounds in one second");
    }

    /// <summary>The system clock, counting how often it is read.</summary>
    private sealed class CountingClock : TimeProvider
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            return base.GetUtcNow();
        }
    }

    private OutboxDispatcher<TestDatabase> NewDispatcher() => Dispatchers.ThroughBus(_file.Database, _bus.Bus);

    private Task CommitAsync(PersonRegistered message) =>
        _file.Database.InTransactionAsync((db, tx) => Outbox.EnqueueAsync(db, tx, message));

    private PersonRegistered Registered(string personId) => new()
    {
        PersonId = personId,
        RegisteredByAgency = "outreach-bristol",
        LocalAuthority = "E06000023",
        OccurredAt = _clock.GetUtcNow(),
    };
}
