using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform's audit API in distributed mode: the registry, engagement and housing as separate
/// processes over RabbitMQ, and the gateway serving the API by reading each service's trail through
/// its internal endpoint with the auditor's own token.
/// </summary>
public sealed class DistributedAuditTests : IAsyncLifetime
{
    private const string Bristol = "E06000023";

    private readonly List<PlatformProcess> _processes = [];
    private PlatformProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        if (!Infrastructure.RabbitMqIsReachable)
        {
            return; // the test reports why it is skipped
        }
        var bus = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Host"] = Infrastructure.RabbitMqHost,
            ["Messaging__QueuePrefix"] = $"e2e-audit-{Guid.NewGuid():N}-",
        };
        var registry = await StartAsync("services/Registry", "Platform.Registry", bus);
        var engagement = await StartAsync("services/Engagement", "Platform.Engagement", bus);
        var housing = await StartAsync("services/Housing", "Platform.Housing", bus);
        var safeguarding = await StartAsync("services/Safeguarding", "Platform.Safeguarding", bus);
        _gateway = await StartAsync("gateway/Platform.Gateway", "Platform.Gateway", new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__safeguarding__Destinations__primary__Address"] = safeguarding.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = registry.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = engagement.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__housing__Destinations__primary__Address"] = housing.GrpcAddress.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_gateway_serves_one_trail_over_every_services_own_and_each_service_records_the_read()
    {
        Infrastructure.RequireRabbitMq();
        using var worker = Caller("support_worker", "outreach-bristol", "worker@outreach-bristol");
        var person = await worker.PostAsync("/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Ottoline", familyName = "Fairweather" } } },
            address = new { lines = new[] { "9 Redcliffe Way" }, localAuthority = Bristol },
        });
        var personId = JsonCaller.Text(person.GetProperty("person"), "personId");
        var contact = await worker.UntilKnownAsync(http => http.PostAsJsonAsync("/v1/engagement/contacts", new
        {
            personId, contactAt = DateTimeOffset.UtcNow.AddHours(-1), channel = "CHANNEL_PHONE", outcome = "OUTCOME_ATTEMPTED",
        }));
        var needs = await worker.UntilKnownAsync(http => http.PutAsJsonAsync($"/v1/housing/persons/{personId}/needs", new { profile = new { womenOnly = true } }));
        using var auditor = Caller("auditor", "sab-audit", "reader@sab-audit");
        using var supportWorker = Caller("support_worker", "outreach-bristol", "curious@outreach-bristol");

        var paged = await auditor.AuditAllAsync($"personId={personId}", pageSize: 2);
        var refused = await supportWorker.AuditAsync($"personId={personId}");
        var reads = await auditor.AuditAllAsync("subject=reader@sab-audit");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (contact.StatusCode, needs.StatusCode));
        Assert.Equal(["engagement", "housing", "registry"], paged.Select(e => JsonCaller.Text(e, "service")).Distinct().Order());
        Assert.Equal(paged.Count, paged.Select(e => e.GetRawText()).Distinct().Count());
        Assert.Equal(paged.Select(e => e.GetProperty("at").GetDateTimeOffset()).OrderDescending(), paged.Select(e => e.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(["engagement", "housing", "registry", "safeguarding"], reads.Where(e => JsonCaller.Text(e, "action") == "audit.read")
            .Select(e => JsonCaller.Text(e, "service")).Distinct().Order());
    }

    private JsonCaller Caller(string role, string agency, string subject) =>
        new(_gateway.HttpAddress, DevelopmentToken.Mint(role, agency, Bristol, subject));

    private async Task<PlatformProcess> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        var process = await PlatformProcess.StartAsync(folder, assembly, environment);
        _processes.Add(process);
        return process;
    }
}
