using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Security;
using Platform.EndToEnd.Tests;
using Platform.Web.Demo;

namespace Platform.Web.Tests.Demo;

/// <summary>
/// The first screen of an empty Development platform (the standalone host as its own process, as the
/// README starts it) offers the demo data set; its button loads it through the public API; loading
/// again changes nothing. A platform of its own, so the other browser tests' data stay as they are.
/// </summary>
public sealed partial class DemoDataLoadTests
{
    [Fact]
    public async Task The_first_screen_loads_the_demo_data_through_the_api_and_a_second_load_changes_nothing()
    {
        await using var host = await PlatformProcess.StartAsync("services/Standalone", "Platform.Standalone");
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.HttpAddress };

        var first = await http.GetStringAsync("/");
        Assert.Contains("Load the demo data", first);
        // The form's anti-forgery token is required: a post without it is refused and loads nothing.
        var forged = await http.PostAsync("/demo-data", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var posted = await http.PostAsync("/demo-data", new FormUrlEncodedContent([new("__RequestVerificationToken", Token(first))]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var deadline = DateTime.UtcNow.AddMinutes(4);
        string page;
        do
        {
            await Task.Delay(2000);
            page = await http.GetStringAsync("/");
            Assert.DoesNotContain("did not load completely", page);
        }
        while (!page.Contains("The demo data set is loaded") && DateTime.UtcNow < deadline);
        Assert.Contains("The demo data set is loaded", page);
        Assert.Contains("/sign-in?role=support_worker&amp;agency=outreach-bristol&amp;area=E06000023", page);

        var data = new DemoDataSet();
        var moves = data.Moves.Count(m => m.Person != data.Marker);
        // Handovers and risk changes follow the registry's and safeguarding's events: a moment after the load.
        var settled = DateTime.UtcNow.AddSeconds(60);
        var loaded = Counts(host);
        while ((loaded["handovers"] < moves || loaded["risk changes"] == 0) && DateTime.UtcNow < settled)
        {
            await Task.Delay(500);
            loaded = Counts(host);
        }
        Assert.Equal(data.People.Count, loaded["people"]);
        Assert.Equal(data.Contacts.Count(c => c.Person != data.Marker), loaded["contacts"]);
        Assert.Equal(DemoDataSet.Areas.Count, loaded["providers"]);
        Assert.True(loaded["tenancies"] > 0 && loaded["ended tenancies"] > 0, "tenancies started and one broken down");
        Assert.True(loaded["concerns"] > 0 && loaded["risk changes"] > 0, "concerns raised and DASH assessments reached housing");
        Assert.Equal(moves, loaded["handovers"]);

        var loader = new DemoLoader(new WebOptions { PlatformAddress = host.GrpcAddress, DevelopmentSignIn = true },
            new AuthOptions { SigningKey = PlatformProcess.SigningKey }, NullLogger<DemoLoader>.Instance);
        var again = await loader.LoadAsync(CancellationToken.None);
        Assert.True(again.AlreadyLoaded);
        Assert.Equal(loaded, Counts(host));
    }

    private static string Token(string page) => AntiforgeryField().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The first screen has no anti-forgery token.");

    private static Dictionary<string, long> Counts(PlatformProcess host)
    {
        string Db(string service) => Path.Combine(host.DataDirectory, service + ".db");
        return new Dictionary<string, long>
        {
            ["people"] = Scalar(Db("registry"), "SELECT COUNT(*) FROM persons"),
            ["contacts"] = Scalar(Db("engagement"), "SELECT COUNT(*) FROM contacts"),
            ["providers"] = Scalar(Db("housing"), "SELECT COUNT(*) FROM providers"),
            ["tenancies"] = Scalar(Db("housing"), "SELECT COUNT(*) FROM tenancies"),
            ["ended tenancies"] = Scalar(Db("housing"), "SELECT COUNT(*) FROM tenancies WHERE ended_at IS NOT NULL"),
            ["concerns"] = Scalar(Db("safeguarding"), "SELECT COUNT(*) FROM concerns"),
            ["risk changes"] = Scalar(Db("engagement"), "SELECT COUNT(*) FROM chronology WHERE kind = 'risk-changed'"),
            ["handovers"] = Scalar(Db("engagement"), "SELECT COUNT(*) FROM handovers"),
        };
    }

    private static long Scalar(string database, string sql)
    {
        using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
