using Platform.IntegrationEvents.Registry;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

/// <summary>
/// One registry host shared by every test of a class (its SQLite files live as long as the class).
/// Tests sharing it register their own people, with names no other test of the class uses.
/// </summary>
public class RegistryFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    protected virtual TestHostOptions Options => new();

    public async Task InitializeAsync() => Host = await RegistryHost.StartAsync(Options);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Every registry client, calling as <paramref name="who"/>.</summary>
    public RegistryClient As(Identity? who, string? breakGlassReason = null) => new(Host.Channel(who, breakGlassReason));
}

/// <summary>A shared registry host that also records every event the registry publishes.</summary>
public sealed class RegistryWithEventsFixture : RegistryFixture
{
    protected override TestHostOptions Options => new()
    {
        RecordEvents =
        [
            typeof(PersonRegistered), typeof(PersonUpdated), typeof(PersonMoved), typeof(PersonsLinked),
            typeof(PersonsUnlinked), typeof(InvolvementStarted), typeof(InvolvementEnded), typeof(RecordShared),
            typeof(RelationshipRecorded), typeof(PersonAccessChanged), typeof(PersonAddressesChanged),
        ],
    };

    public EventRecorder Events => Host.Events;
}
