using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Safeguarding as deployed: the registry, engagement and safeguarding as separate processes that
/// learn of each other only through RabbitMQ, behind the YARP gateway, called as JSON. A worker
/// registers a woman and raises a concern; the area's safeguarding lead decides on a section 42
/// enquiry; a DASH assessment scores high and recommends MARAC; engagement hears the new risk level.
/// </summary>
public sealed class DistributedSafeguardingTests : IAsyncLifetime
{
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
            ["Messaging__QueuePrefix"] = $"e2e-{Guid.NewGuid():N}-",
        };
        var gateway = new Dictionary<string, string>();
        foreach (var (name, folder, assembly) in new[]
        {
            ("registry", "services/Registry", "Platform.Registry"),
            ("engagement", "services/Engagement", "Platform.Engagement"),
            ("safeguarding", "services/Safeguarding", "Platform.Safeguarding"),
        })
        {
            var process = await StartAsync(folder, assembly, bus);
            gateway[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = process.GrpcAddress.ToString();
        }
        _gateway = await StartAsync("gateway/Platform.Gateway", "Platform.Gateway", gateway);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_concern_a_section_42_decision_and_a_high_dash_assessment_reach_engagement_as_her_risk_level()
    {
        Infrastructure.RequireRabbitMq();
        using var worker = await CallerAsync("support_worker", "outreach-bristol", "E06000023");
        using var lead = await CallerAsync("safeguarding_lead", "asc-bristol", "E06000023");
        var person = await PostAsync(worker, "/v1/persons", new
        {
            details = new { names = new[] { new { type = "NAME_TYPE_USUAL", givenNames = "Lena", familyName = "Marsh" } } },
            address = new { lines = new[] { "3 Quay Street" }, localAuthority = "E06000023" },
        });
        var personId = person.GetProperty("person").GetProperty("personId").GetString()!;

        var concern = await UntilKnownAsync(() => worker.PostAsJsonAsync("/v1/safeguarding/concerns", new
        {
            details = new
            {
                personId, source = "CONCERN_SOURCE_VOLUNTARY_SECTOR", raisedBy = "outreach worker",
                categories = new[] { "ABUSE_CATEGORY_DOMESTIC" }, locationOfRisk = "RISK_LOCATION_OWN_HOME",
                description = "Bruising; partner controls her money", immediateRisk = false,
            },
        }));
        var concernId = concern.GetProperty("concernId").GetString();
        var decided = await PostAsync(lead, $"/v1/safeguarding/concerns/{concernId}:decide", new
        {
            expectedVersion = 1, decision = "ENQUIRY_DECISION_SECTION_42",
            test = new
            {
                careAndSupportNeeds = new { met = true, reason = "alcohol dependence" },
                experiencingOrAtRisk = new { met = true, reason = "partner's violence" },
                unableToProtectSelf = new { met = true, reason = "no money, nowhere to go" },
            },
        });
        var enquiry = await PostAsync(lead, $"/v1/safeguarding/concerns/{concernId}:stage",
            new { expectedVersion = decided.GetProperty("version").GetInt64(), to = "STAGE_ENQUIRY", reason = "three-part test met" });
        var responses = Enumerable.Range(1, 24).Select(n => new { questionId = $"dash-{n:00}", answer = n <= 15 ? "DASH_ANSWER_YES" : "DASH_ANSWER_NO" });
        var assessment = await PostAsync(worker, "/v1/safeguarding/dash/assessments", new { personId, responses });
        var risk = await EventuallyAsync(async () =>
        {
            using var summary = JsonDocument.Parse(await worker.GetStringAsync($"/v1/engagement/persons/{personId}/summary"));
            return summary.RootElement.TryGetProperty("riskLevel", out var level) ? level.GetString() : null;
        }, level => level == "high");

        Assert.Equal("STAGE_ENQUIRY", enquiry.GetProperty("stage").GetString());
        Assert.Equal("RISK_LEVEL_HIGH", assessment.GetProperty("level").GetString());
        Assert.Contains("MARAC_CRITERION_VISIBLE_HIGH_RISK",
            assessment.GetProperty("marac").GetProperty("criteria").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("high", risk);
    }

    private async Task<PlatformProcess> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        var process = await PlatformProcess.StartAsync(folder, assembly, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<HttpClient> CallerAsync(string role, string agency, string area)
    {
        var http = new HttpClient { BaseAddress = _gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await DevelopmentToken.GetAsync(_gateway.HttpAddress, role, agency, area));
        return http;
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Safeguarding hears of a newly registered person over the broker a moment after the registry stores her.</summary>
    private static async Task<JsonElement> UntilKnownAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && text.Contains("not a person in the registry", StringComparison.Ordinal)
                && DateTime.UtcNow < deadline, $"{(int)response.StatusCode} {text}");
            await Task.Delay(200);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }
        return value;
    }
}
