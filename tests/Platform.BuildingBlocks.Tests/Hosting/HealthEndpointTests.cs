using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>
/// Liveness and readiness answered apart: a database outage takes a host out of service (/ready)
/// without making it look dead (/alive), so an orchestrator stops sending it calls instead of
/// restarting it, and every pod with it.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_host_whose_database_is_unreachable_is_alive_but_not_ready()
    {
        await using var host = await WholePlatform.StartAsync();
        using var http = host.Http(null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);

        SqliteConnection.ClearAllPools();
        Directory.Delete(host.DataDirectory, recursive: true);

        await Eventually.HoldsAsync(async () =>
        {
            // A connection a background service had open may go back to the pool once more.
            SqliteConnection.ClearAllPools();
            return (await http.GetAsync("/ready")).StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "the host reports itself not ready");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task Any_check_tagged_ready_holds_back_readiness_and_not_liveness()
    {
        await using var host = await TestHost.StartAsync(
            builder => builder.Services.AddHealthChecks().AddCheck("lagging", () => HealthCheckResult.Unhealthy(), ["ready"]),
            _ => { });
        using var http = host.Http(null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task Readiness_checks_every_services_database_and_the_broker_connection()
    {
        await using var host = await WholePlatform.StartAsync();

        var ready = host.Service<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Where(check => check.Tags.Contains("ready"))
            .ToList();

        foreach (var service in WholePlatform.Services)
        {
            Assert.Contains(ready, check => check.Name == $"{service.ToLowerInvariant()}-database");
        }
        Assert.Contains(ready, check => check.Tags.Contains("masstransit"));
        Assert.DoesNotContain(host.Service<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            check => check.Tags.Contains("live") && check.Tags.Contains("ready"));
    }
}
