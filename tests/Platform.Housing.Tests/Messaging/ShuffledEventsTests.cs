using Dapper;
using MassTransit;
using Platform.IntegrationEvents.Registry;
using Platform.IntegrationEvents.Safeguarding;
using Platform.Testing;

namespace Platform.Housing.Tests.Messaging;

/// <summary>
/// Events reach housing in any order (one queue per consumer and event type; outbox rows that
/// commit out of identity order, wait out a backoff or are re-queued) and some twice: what housing
/// decides by (her address timeline for local connection, her risk level) ends as the newest
/// state whatever the order.
/// </summary>
public sealed class ShuffledEventsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Address_timeline_and_risk_level_end_as_the_newest_whatever_the_order(int seed)
    {
        await using var host = await HousingHost.StartAsync();
        var random = new Random(seed);
        var personId = Guid.NewGuid().ToString();
        var start = host.Clock.GetUtcNow().AddYears(-3);
        string[] areas = ["E06000023", "E06000066", "E06000025", "E06000022", "E06000024", "E06000026"];
        var deliveries = new List<(Guid Id, object Message)>();
        for (var sequence = 1; sequence <= areas.Length; sequence++)
        {
            // Snapshot n: she has lived in the first n areas, the last of them now.
            var periods = Enumerable.Range(0, sequence).Select(i => new AddressPeriod
            {
                LocalAuthority = areas[i], From = start.AddMonths(4 * i), Until = i == sequence - 1 ? null : start.AddMonths(4 * (i + 1)),
            }).ToList();
            deliveries.Add((Guid.NewGuid(), new PersonAddressesChanged { PersonId = personId, Sequence = sequence, Addresses = periods, OccurredAt = start }));
        }
        string[] levels = [RiskLevels.Standard, RiskLevels.High, RiskLevels.Medium, RiskLevels.Standard];
        for (var i = 0; i < levels.Length; i++)
        {
            deliveries.Add((Guid.NewGuid(), new RiskLevelChanged { PersonId = personId, RiskLevel = levels[i], Agency = "asc-bristol", OccurredAt = start.AddDays(i) }));
        }
        deliveries.AddRange(deliveries.Where(_ => random.Next(3) == 0).ToList()); // redeliveries, same ids
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));

        foreach (var (id, message) in deliveries)
        {
            await host.Bus.Publish(message, message.GetType(), context => context.MessageId = id);
        }
        await UntilAppliedAsync(host, deliveries.Select(d => d.Id.ToString()).Distinct().Count());

        var database = host.Service<HousingDatabase>();
        await using var db = await database.OpenAsync();
        var timeline = (await db.QueryAsync<string>(
            "SELECT local_authority FROM address_periods WHERE person_id = @PersonId ORDER BY valid_from", new { PersonId = personId })).ToList();
        var sequenceHeld = await db.ExecuteScalarAsync<long>("SELECT sequence FROM address_timelines WHERE person_id = @PersonId", new { PersonId = personId });
        var risk = await db.ExecuteScalarAsync<string>("SELECT risk_level FROM person_risk_levels WHERE person_id = @PersonId", new { PersonId = personId });
        Assert.Equal(areas, timeline);
        Assert.Equal(areas.Length, sequenceHeld);
        Assert.Equal(levels[^1], risk);
    }

    private static async Task UntilAppliedAsync(TestHost host, int messages)
    {
        var database = host.Service<HousingDatabase>();
        for (var i = 0; i < 400; i++)
        {
            await using var db = await database.OpenAsync();
            // Each message reaches exactly one of housing's consumers here.
            if (await db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT message_id) FROM inbox_messages") >= messages)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException("Not every event was applied in time.");
    }
}
