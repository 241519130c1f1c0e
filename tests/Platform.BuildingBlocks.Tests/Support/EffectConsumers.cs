using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents.Registry;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>
/// What the test consumers did: how often their handler ran per key, and which keys should fail
/// (after the consumer has written its own change) a given number of times.
/// </summary>
public sealed class EffectProbe
{
    /// <summary>The consumer's own table; the platform migrations know nothing of it.</summary>
    public const string CreateTable =
        "CREATE TABLE consumer_effects (seq INTEGER PRIMARY KEY AUTOINCREMENT, effect_key TEXT NOT NULL)";

    public const string CreateTableSqlServer =
        "CREATE TABLE dbo.consumer_effects (seq BIGINT IDENTITY(1, 1) PRIMARY KEY, effect_key VARCHAR(100) NOT NULL)";

    public const string Insert = "INSERT INTO consumer_effects (effect_key) VALUES (@Key)";

    public const string CountFor = "SELECT COUNT(*) FROM consumer_effects WHERE effect_key = @Key";

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public int Calls(string key) => _calls.GetValueOrDefault(key);

    public void FailTimes(string key, int times) => _failures[key] = times;

    internal void Called(string key) => _calls.AddOrUpdate(key, 1, (_, n) => n + 1);

    internal bool TakeFailure(string key)
    {
        while (_failures.TryGetValue(key, out var left) && left > 0)
        {
            if (_failures.TryUpdate(key, left - 1, left))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>An idempotent consumer whose effect is one row in its own table per message applied.</summary>
public abstract class EffectConsumer<TMessage>(TestDatabase database, EffectProbe probe)
    : IdempotentConsumer<TMessage, TestDatabase>(database)
    where TMessage : class
{
    protected abstract string KeyOf(TMessage message);

    protected override async Task HandleAsync(TMessage message, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var key = KeyOf(message);
        probe.Called(key);
        await db.ExecuteAsync(new CommandDefinition(EffectProbe.Insert, new { Key = key }, tx, cancellationToken: cancellationToken));
        if (probe.TakeFailure(key))
        {
            throw new InvalidOperationException("The consumer failed after writing its own change.");
        }
    }
}

public sealed class PersonRegisteredEffect(TestDatabase database, EffectProbe probe)
    : EffectConsumer<PersonRegistered>(database, probe)
{
    protected override string KeyOf(PersonRegistered message) => message.PersonId;
}

public sealed class RecordSharedEffect(TestDatabase database, EffectProbe probe)
    : EffectConsumer<RecordShared>(database, probe)
{
    protected override string KeyOf(RecordShared message) => message.PersonId;
}

/// <summary>A message only these tests publish and consume, so that other hosts on a shared broker never receive it.</summary>
public sealed record BuildingBlocksProbe
{
    public required string Key { get; init; }
}

public sealed class ProbeEffect(TestDatabase database, EffectProbe probe)
    : EffectConsumer<BuildingBlocksProbe>(database, probe)
{
    protected override string KeyOf(BuildingBlocksProbe message) => message.Key;
}

/// <summary>A second consumer of the same event, with effects of its own (keyed "second:" + person).</summary>
public sealed class PersonRegisteredSecondEffect(TestDatabase database, EffectProbe probe)
    : EffectConsumer<PersonRegistered>(database, probe)
{
    protected override string KeyOf(PersonRegistered message) => "second:" + message.PersonId;
}
