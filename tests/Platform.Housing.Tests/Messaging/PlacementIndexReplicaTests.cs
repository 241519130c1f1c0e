using System.Diagnostics;
using Platform.Housing.Tests.Grpc;
using Platform.Housing.V1;
using Platform.Testing;

namespace Platform.Housing.Tests.Messaging;

/// <summary>
/// Several housing replicas on one database, each with its own in-memory matching index: a change
/// made through one is matched by every other within a second, through a real broker, not at the
/// next scheduled reload (switched off here).
/// </summary>
public sealed class PlacementIndexReplicaTests
{
    [SkippableFact]
    public async Task Placement_opened_on_one_replica_is_matched_on_another_within_a_second()
    {
        Infrastructure.RequireRabbitMq();
        var data = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        var noScheduledReload = new Dictionary<string, string?>
        {
            ["Housing:Matching:RefreshSeconds"] = "0",
            // Two replicas of one deployment, as in production: one prefix, so one set of exchanges, durable
            // queues the two share (quorum, as deployed) and a placements queue of each replica's own.
            ["Messaging:QueuePrefix"] = $"replicas-{Guid.NewGuid():N}-",
            ["Messaging:RabbitMq:QuorumQueues"] = "true",
        };
        await using var first = await HousingHost.StartAsync(new TestHostOptions { RabbitMq = true, DataDirectory = data, Configuration = noScheduledReload });
        await using var second = await HousingHost.StartAsync(new TestHostOptions { RabbitMq = true, DataDirectory = data, Configuration = noScheduledReload });
        var onFirst = new HousingClient(first.Channel(Identity.HousingOfficer()));
        var onSecond = new HousingClient(second.Channel(Identity.HousingOfficer()));
        var personId = await World.PersonAsync(first);
        await World.NeedsAsync(onSecond, personId);

        var (unit, vacancy) = await World.VacantUnitAsync(onFirst);
        var opened = await UntilMatchedAsync(onSecond, personId, unit.UnitId, vacancy.VacancyId);
        await onFirst.Vacancies.CloseVacancyAsync(new CloseVacancyRequest { VacancyId = vacancy.VacancyId, ExpectedVersion = vacancy.Version, Reason = "withdrawn" });
        var closed = await UntilMatchedAsync(onSecond, personId, unit.UnitId, vacancyId: "");

        Assert.True(opened < TimeSpan.FromSeconds(1), $"the other replica matched the new placement after {opened.TotalMilliseconds:0} ms");
        Assert.True(closed < TimeSpan.FromSeconds(1), $"the other replica saw the vacancy close after {closed.TotalMilliseconds:0} ms");
    }

    /// <summary>How long until the replica's match for the unit shows that vacancy (empty: none).</summary>
    private static async Task<TimeSpan> UntilMatchedAsync(HousingClient replica, string personId, string unitId, string vacancyId)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var matches = await replica.Matching.MatchPlacementsAsync(new MatchPlacementsRequest { PersonId = personId, IncludeExcluded = true, IncludeWithoutVacancy = true });
            var match = matches.Matches.Concat(matches.Excluded).FirstOrDefault(m => m.UnitId == unitId);
            if (match is not null && match.VacancyId == vacancyId)
            {
                return watch.Elapsed;
            }
            await Task.Delay(20);
        }
        return watch.Elapsed;
    }
}
