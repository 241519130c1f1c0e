using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Web.Tests.Browser;

/// <summary>
/// The standalone host started as the README starts it (its own process, Development), a few
/// fictional people made through the public gRPC API, and headless Chromium from Debian's
/// chromium-headless-shell driven by Playwright. Without the browser every browser test is skipped
/// with the reason: it never passes unseen.
/// </summary>
public sealed class StandaloneWeb : IAsyncLifetime
{
    public const string BrowserPath = "/usr/bin/chromium-headless-shell";
    public const string Agency = "outreach-bristol";
    public const string Area = "E06000023";

    public PlatformProcess Host { get; private set; } = null!;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }

    /// <summary>Joanne Smythe, in Bristol, seen alone once; Mark Smythe, her partner, alleged perpetrator toward her.</summary>
    public string JoanneId { get; private set; } = "";
    public string MarkId { get; private set; } = "";

    public static string Screenshots => Path.Combine(RepositoryRoot.Path, "docs", "screenshots");

    public async Task InitializeAsync()
    {
        Host = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone");
        await SeedAsync();
        if (!File.Exists(BrowserPath))
        {
            SkipReason = $"{BrowserPath} is not installed (apt-get install -y chromium-headless-shell): the browser tests cannot run.";
            return;
        }
        // The whole solution's tests share two cores in CI: pages get time to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
        try
        {
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserPath, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            });
        }
        catch (PlaywrightException exception)
        {
            SkipReason = $"headless Chromium could not be launched from {BrowserPath}: {exception.Message}";
        }
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        await Host.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.HttpAddress.ToString(), ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private async Task SeedAsync()
    {
        using var channel = GrpcChannel.ForAddress(Host.GrpcAddress);
        var headers = SeedHeaders("support_worker", Agency);
        var livedThereSince = DateTime.UtcNow.AddYears(-1);
        JoanneId = await RegisterAsync(channel, headers, "Joanne", "Smythe", 1986, "BS1 4SB", "2 Quay Street", livedThereSince);
        MarkId = await RegisterAsync(channel, headers, "Mark", "Smythe", 1982, "BS1 4SB", "2 Quay Street", livedThereSince);
        var relationships = new RelationshipService.RelationshipServiceClient(channel);
        await relationships.RecordRelationshipAsync(new RecordRelationshipRequest { FromPersonId = MarkId, ToPersonId = JoanneId, Type = RelationshipType.Partner }, headers);
        await relationships.RecordRelationshipAsync(new RecordRelationshipRequest { FromPersonId = MarkId, ToPersonId = JoanneId, Type = RelationshipType.AllegedPerpetratorToward }, headers);
        await new InvolvementService.InvolvementServiceClient(channel).StartInvolvementAsync(new StartInvolvementRequest
        {
            PersonId = JoanneId, Agency = Agency, Worker = "Sam Taylor", Team = "Street outreach", Role = "Outreach worker", LeadProfessional = true,
            Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-30)),
        }, headers);
        // Engagement learns of her from the registry's events: record once it knows her.
        var contacts = new ContactService.ContactServiceClient(channel);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await contacts.RecordContactAsync(new RecordContactRequest
                {
                    Details = new Platform.Engagement.V1.ContactDetails
                    {
                        PersonId = JoanneId, Agency = Agency, Worker = "Sam Taylor", Channel = Channel.OutreachVisit, Outcome = Outcome.Made, SeenAlone = true,
                        ContactAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-3)),
                        PersonsWords = "I want somewhere of my own.", Themes = { Theme.Housing },
                    },
                }, headers);
                return true;
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.FailedPrecondition)
            {
                return false;
            }
        }, "the engagement service knows Joanne", TimeSpan.FromSeconds(30));
    }

    /// <summary>The headers of a worker of <paramref name="agency"/> in Bristol, who seeds what a journey starts from.</summary>
    public static Metadata SeedHeaders(string role, string agency) =>
        new() { { "Authorization", $"Bearer {DevelopmentToken.Mint(role, agency, Area, $"seed@{agency}")}" } };

    /// <summary>
    /// Registers a woman at an address in Bristol through the public API, as the caller
    /// <paramref name="headers"/> name, and returns her id. The address is undated unless a date is given.
    /// </summary>
    public static async Task<string> RegisterAsync(
        GrpcChannel channel, Metadata headers, string given, string family, int born, string postcode, string street, DateTime? livedThereSince = null)
    {
        var request = new RegisterPersonRequest
        {
            ConfirmedNotDuplicate = true,
            Details = new PersonDetails { Sex = Sex.Female, DateOfBirth = new Platform.Registry.V1.PartialDate { Year = born } },
            Address = new Address { Postcode = postcode, LocalAuthority = Area, Lines = { street } },
        };
        if (livedThereSince is { } since)
        {
            request.Address.From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(since);
        }
        request.Details.Names.Add(new PersonName { Type = NameType.Usual, GivenNames = given, FamilyName = family });
        return (await new PeopleService.PeopleServiceClient(channel).RegisterPersonAsync(request, headers)).Person.PersonId;
    }
}

[CollectionDefinition(Name)]
public sealed class StandaloneWebCollection : ICollectionFixture<StandaloneWeb>
{
    public const string Name = "standalone web";
}
