using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Platform.Web.Demo;

namespace Platform.Web.Tests.Demo;

/// <summary>The demo data set as generated: the same every time, plainly fictional, and offered in Development only.</summary>
public sealed class DemoDataSetTests
{
    [Fact]
    public void The_same_seed_gives_the_same_people_contacts_and_moves()
    {
        var (first, second) = (new DemoDataSet(), new DemoDataSet());

        Assert.Equal(first.People.Select(Describe), second.People.Select(Describe));
        Assert.Equal(first.Contacts.Select(c => (c.SourceId, c.Outcome, c.SeenAlone)), second.Contacts.Select(c => (c.SourceId, c.Outcome, c.SeenAlone)));
        Assert.Equal(first.Moves.Select(m => (m.Person.Identifier, m.To.Code)), second.Moves.Select(m => (m.Person.Identifier, m.To.Code)));
    }

    [Fact]
    public void A_few_hundred_people_in_three_areas_each_with_an_identifier_of_her_own_and_contacts_within_two_years()
    {
        var data = new DemoDataSet();
        var now = DateTimeOffset.UtcNow;

        Assert.InRange(data.People.Count, 200, 1000);
        Assert.Equal(3, data.People.Select(p => p.Area.Code).Distinct().Count());
        Assert.Equal(data.People.Count, data.People.Select(p => p.Identifier).Distinct().Count());
        Assert.All(data.People, p => Assert.Matches("^DEMO-[0-9]{4}$", p.Identifier));
        Assert.Equal(data.Contacts.Count, data.Contacts.Select(c => c.SourceId).Distinct().Count());
        Assert.All(data.Contacts, c => Assert.InRange(c.At, now.AddYears(-2), now));
        Assert.Contains(data.Relationships, r => r.Kind == DemoRelationshipKind.AllegedPerpetratorToward);
        Assert.Contains(data.Relationships, r => r.Kind == DemoRelationshipKind.ParentOf);
        // Only women are contacted, offered housing or the subject of a concern; every move crosses to another area.
        var women = data.Women.ToHashSet();
        Assert.All(data.Contacts, c => Assert.Contains(c.Person, women));
        Assert.All(data.NeedsProfiles.Concat(data.Concerns), w => Assert.Contains(w, women));
        Assert.All(data.Moves, m => Assert.NotEqual(m.Person.Area.Code, m.To.Code));
        // Made contacts carry her words sometimes; attempted and declined ones never say she was seen alone.
        Assert.Contains(data.Contacts, c => c.Words.Length > 0);
        Assert.DoesNotContain(data.Contacts, c => c.Outcome != DemoOutcome.Made && c.SeenAlone);
    }

    [Fact]
    public void Outside_development_there_is_no_demo_data_endpoint()
    {
        var app = App();
        app.MapDemoData(new WebOptions { PlatformAddress = new Uri("http://localhost:5100"), DevelopmentSignIn = false });
        Assert.Empty(((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints));

        var development = App();
        development.MapDemoData(new WebOptions { PlatformAddress = new Uri("http://localhost:5100"), DevelopmentSignIn = true });
        var endpoint = Assert.Single(((IEndpointRouteBuilder)development).DataSources.SelectMany(source => source.Endpoints));
        Assert.Equal("HTTP: POST /demo-data", endpoint.DisplayName);
    }

    private static WebApplication App()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddDemoData();
        return builder.Build();
    }

    private static string Describe(DemoPerson p) => $"{p.Identifier} {p.GivenName} {p.FamilyName} {p.BirthYear} {p.Area.Code} {p.Street}";
}
