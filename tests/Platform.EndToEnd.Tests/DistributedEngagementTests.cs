using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using Platform.Testing;
using ContactDetails = Platform.Engagement.V1.ContactDetails;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The distributed platform as deployed: the registry and the engagement service as separate
/// processes that learn of each other only through RabbitMQ, and the YARP gateway in front of both.
/// A worker registers a person, records failed attempts to reach her, and she moves area: the
/// engagement service flags her for outreach and hands her over to the receiving area.
/// </summary>
public sealed class DistributedEngagementTests : IAsyncLifetime
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
        var registry = await StartAsync("services/Registry", "Platform.Registry", bus);
        var engagement = await StartAsync("services/Engagement", "Platform.Engagement", bus);
        _gateway = await StartAsync("gateway/Platform.Gateway", "Platform.Gateway", new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__registry__Destinations__primary__Address"] = registry.GrpcAddress.ToString(),
            ["ReverseProxy__Clusters__engagement__Destinations__primary__Address"] = engagement.GrpcAddress.ToString(),
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
    public async Task Failed_attempts_flag_a_person_for_outreach_and_a_move_hands_her_over_to_the_new_area()
    {
        Infrastructure.RequireRabbitMq();
        var worker = await CallerAsync("support_worker", "outreach-bristol", "E06000023");
        var people = new PeopleService.PeopleServiceClient(worker.Channel);
        var contacts = new ContactService.ContactServiceClient(worker.Channel);
        var registered = (await people.RegisterPersonAsync(new RegisterPersonRequest
        {
            Details = new PersonDetails { Names = { new PersonName { Type = NameType.Usual, GivenNames = "Dawn", FamilyName = "Hartley" } } },
            Address = new Address { Lines = { "7 Canal Walk" }, LocalAuthority = "E06000023" },
        }, worker.Auth)).Person;

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await UntilKnownAsync(() => contacts.RecordContactAsync(new RecordContactRequest
            {
                Details = new ContactDetails
                {
                    PersonId = registered.PersonId, Channel = Platform.Engagement.V1.Channel.OutreachVisit, Outcome = Outcome.Attempted,
                    ContactAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(attempt - 10)),
                },
            }, worker.Auth).ResponseAsync);
        }
        // The handover names the agencies involved when she moves: wait until the engagement service has heard of hers.
        var chronology = new ChronologyService.ChronologyServiceClient(worker.Channel);
        var summary = await chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = registered.PersonId }, worker.Auth);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); summary.ActiveAgencies == 0 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            summary = await chronology.GetEngagementSummaryAsync(new GetEngagementSummaryRequest { PersonId = registered.PersonId }, worker.Auth);
        }
        await new AddressService.AddressServiceClient(worker.Channel).RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = registered.PersonId, ExpectedVersion = registered.Version,
            Address = new Address { Lines = { "12 Harbour Road" }, LocalAuthority = "E06000025", From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
        }, worker.Auth);
        var receiving = await CallerAsync("support_worker", "outreach-south-glos", "E06000025");
        var handover = await EventuallyAsync(async () =>
        {
            using var list = JsonDocument.Parse(await receiving.Http.GetStringAsync("/v1/engagement/handovers"));
            var found = list.RootElement.GetProperty("handovers").EnumerateArray()
                .FirstOrDefault(h => h.GetProperty("personId").GetString() == registered.PersonId);
            return found.ValueKind == JsonValueKind.Undefined ? found : found.Clone();
        });

        Assert.True(summary.NeedsAssertiveOutreach);
        Assert.Equal("consecutive-attempts", summary.DisengagementRule);
        Assert.Equal(3, summary.AttemptsSinceLastSuccess);
        Assert.Equal("E06000023", handover.GetProperty("fromLocalAuthority").GetString());
        Assert.Contains("outreach-bristol", handover.GetProperty("sendingAgencies").EnumerateArray().Select(a => a.GetString()));
    }

    private async Task<PlatformProcess> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        var process = await PlatformProcess.StartAsync(folder, assembly, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<(GrpcChannel Channel, Metadata Auth, HttpClient Http)> CallerAsync(string role, string agency, string area)
    {
        var token = await DevelopmentToken.GetAsync(_gateway.HttpAddress, role, agency, area);
        var http = new HttpClient { BaseAddress = _gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (GrpcChannel.ForAddress(_gateway.GrpcAddress), new Metadata { { "authorization", $"Bearer {token}" } }, http);
    }

    /// <summary>The engagement service hears of a new person over the broker a moment after the registry stores her.</summary>
    private static async Task UntilKnownAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var value = await read();
        while (value.ValueKind == JsonValueKind.Undefined && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }
        Assert.NotEqual(JsonValueKind.Undefined, value.ValueKind);
        return value;
    }
}
