using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Security.Projection;
using Platform.BuildingBlocks.Tests.Security.Convergence;
using Platform.BuildingBlocks.Tests.Support;
using Platform.Registry;
using Platform.Registry.Data;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>
/// Whatever the registry did and in whatever order its events arrive (one queue per event type,
/// redeliveries included), another service's projection ends up deciding every caller's access to
/// every record exactly as the registry decides it from its own tables.
/// </summary>
public sealed class AccessProjectionConvergenceTests(AccessProjectionConvergenceTests.RegistryOnly registry)
    : IClassFixture<AccessProjectionConvergenceTests.RegistryOnly>
{
    private const int Operations = 40;
    private const int Shuffles = 3;

    public sealed class RegistryOnly : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestHost.StartAsync(builder => builder.AddRegistry(), app => app.MapRegistry());

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 10).Select(i => i * 7919));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Projection_decides_as_the_registry_whatever_the_order_of_delivery(int seed)
    {
        var host = registry.Host;
        var before = await ProjectionDelivery.LastSeqAsync(host.Service<RegistryDatabase>());
        var history = new RegistryHistory(host, seed);
        await history.RunAsync(Operations);
        var published = await ProjectionDelivery.PublishedAfterAsync(host.Service<RegistryDatabase>(), before);
        // Some shares and involvements lapse between the last event and the decision.
        host.Clock.Advance(TimeSpan.FromHours(new Random(seed).Next(0, 30)));
        var expected = await DecisionsAsync(host.Service<RegistryDatabase>(), host.Service<RegistryAccessFacts>(), history.People);

        var random = new Random(seed);
        for (var shuffle = 0; shuffle < Shuffles; shuffle++)
        {
            await using var file = await TempSqlite.MigratedAsync("Projection");
            await ProjectionDelivery.DeliverShuffledAsync(published, file.Database, random);

            var projected = await DecisionsAsync(file.Database, new ProjectedAccessFacts(host.Clock), history.People);

            var differences = expected.Where(pair => projected[pair.Key] != pair.Value)
                .Select(pair => $"{pair.Key}: registry {pair.Value?.ToString() ?? "refuses"}, projection {projected[pair.Key]?.ToString() ?? "refuses"}")
                .ToList();
            Assert.True(differences.Count == 0,
                $"seed {seed}, shuffle {shuffle}: {differences.Count} of {expected.Count} decisions differ, e.g.\n{string.Join('\n', differences.Take(10))}");
        }
    }

    /// <summary>Every caller (each agency in each area) against every record, read one at a time and all at once.</summary>
    private static async Task<IReadOnlyDictionary<string, AccessBasis?>> DecisionsAsync(
        ServiceDatabase database, IPersonAccessFactsSource source, IReadOnlyList<string> people)
    {
        var callers = RegistryHistory.Agencies.Append(RegistryHistory.Operator.Agency)
            .SelectMany(agency => RegistryHistory.Areas.Select(area =>
                new Caller($"worker@{agency}", new HashSet<string> { PlatformRoles.SupportWorker }, agency, area)))
            .ToList();
        return await database.InTransactionAsync(async (db, tx) =>
        {
            var decisions = new Dictionary<string, AccessBasis?>(StringComparer.Ordinal);
            var many = await source.GetManyAsync(people, db, tx, CancellationToken.None);
            foreach (var person in people)
            {
                var one = await source.GetAsync(person, db, tx, CancellationToken.None);
                foreach (var caller in callers)
                {
                    var decided = one is null ? null : LegitimateRelationshipRule.Decide(caller, one, null);
                    var decidedMany = many.TryGetValue(person, out var facts) ? LegitimateRelationshipRule.Decide(caller, facts, null) : null;
                    decisions[$"{person} as {caller.Agency} in {caller.LocalAuthority}"] = decided;
                    decisions[$"{person} as {caller.Agency} in {caller.LocalAuthority} (read with others)"] = decidedMany;
                }
            }
            return decisions;
        });
    }
}
