using Bunit;
using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.V1;
using Platform.Registry.V1;
using Platform.Web.Components.Shared;
using Platform.Web.Pictures;

namespace Platform.Web.Tests.Components;

public sealed class PictureTests : BunitContext
{
    private static RelationshipGraph Graph()
    {
        var graph = new RelationshipGraph();
        graph.Nodes.Add(new GraphNode { PersonId = "her", DisplayName = "Joanne Smythe", Visible = true });
        graph.Nodes.Add(new GraphNode { PersonId = "him", DisplayName = "Mark Smythe", Visible = true });
        graph.Nodes.Add(new GraphNode { PersonId = "child", DisplayName = "Amy Smythe", Visible = true });
        graph.Nodes.Add(new GraphNode { PersonId = "hidden", DisplayName = "", Visible = false });
        graph.Relationships.Add(new Relationship { RelationshipId = "r1", FromPersonId = "him", ToPersonId = "her", Type = RelationshipType.Partner });
        graph.Relationships.Add(new Relationship { RelationshipId = "r2", FromPersonId = "him", ToPersonId = "her", Type = RelationshipType.AllegedPerpetratorToward });
        graph.Relationships.Add(new Relationship { RelationshipId = "r3", FromPersonId = "her", ToPersonId = "child", Type = RelationshipType.ParentOf });
        graph.Relationships.Add(new Relationship { RelationshipId = "r4", FromPersonId = "hidden", ToPersonId = "her", Type = RelationshipType.SpeaksFor, Until = Timestamp.FromDateTime(DateTime.UtcNow) });
        return graph;
    }

    [Fact]
    public void The_ecomap_puts_her_at_the_centre_and_everyone_else_on_one_ring_without_overlapping()
    {
        var layout = EcomapLayout.For("her", Graph());

        var centre = layout.Nodes[0];
        Assert.Equal("her", centre.PersonId);
        Assert.True(centre.Centre);
        Assert.Equal((layout.Width / 2, layout.Height / 2), (centre.X, centre.Y));
        var distances = layout.Nodes.Skip(1).Select(n => Math.Sqrt(Math.Pow(n.X - centre.X, 2) + Math.Pow(n.Y - centre.Y, 2))).ToList();
        Assert.All(distances, d => Assert.InRange(d, distances[0] - 0.2, distances[0] + 0.2));
        foreach (var a in layout.Nodes)
        {
            foreach (var b in layout.Nodes.Where(b => b != a))
            {
                Assert.True(Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)) >= 2 * EcomapLayout.NodeRadius, $"{a.PersonId} overlaps {b.PersonId}");
            }
            Assert.InRange(a.X, EcomapLayout.NodeRadius, layout.Width - EcomapLayout.NodeRadius);
            Assert.InRange(a.Y, EcomapLayout.NodeRadius, layout.Height - EcomapLayout.NodeRadius);
        }
    }

    [Fact]
    public void A_ring_of_many_people_grows_so_that_none_overlap()
    {
        var graph = new RelationshipGraph();
        graph.Nodes.Add(new GraphNode { PersonId = "her", DisplayName = "Her", Visible = true });
        for (var i = 0; i < 30; i++)
        {
            graph.Nodes.Add(new GraphNode { PersonId = $"p{i:00}", DisplayName = $"Person {i}", Visible = true });
            graph.Relationships.Add(new Relationship { RelationshipId = $"r{i}", FromPersonId = "her", ToPersonId = $"p{i:00}", Type = RelationshipType.Sibling });
        }

        var nodes = EcomapLayout.For("her", graph).Nodes;

        var closest = nodes.SelectMany(a => nodes.Where(b => b != a).Select(b => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).Min();
        Assert.True(closest >= 2 * EcomapLayout.NodeRadius, $"closest centres {closest}");
    }

    [Fact]
    public void Directed_relationships_have_arrows_toward_the_second_person_children_are_squares_and_hidden_people_have_no_name()
    {
        var layout = EcomapLayout.For("her", Graph());

        var harm = Assert.Single(layout.Edges, e => e.Harm);
        Assert.True(harm.Directed);
        Assert.Equal(("him", "her"), (harm.FromPersonId, harm.ToPersonId));
        Assert.False(Assert.Single(layout.Edges, e => e.Label == "partner of").Directed);
        Assert.True(Assert.Single(layout.Nodes, n => n.PersonId == "child").Child);
        Assert.Equal(EcomapLayout.HiddenLabel, Assert.Single(layout.Nodes, n => n.PersonId == "hidden").Label);
        Assert.True(Assert.Single(layout.Edges, e => e.Label == "speaks for").Ended);
        // A line starts and ends at the circles' edges, not their centres, so that its arrow shows.
        var him = layout.Nodes.Single(n => n.PersonId == "him");
        Assert.True(Math.Sqrt(Math.Pow(harm.X1 - him.X, 2) + Math.Pow(harm.Y1 - him.Y, 2)) > EcomapLayout.NodeRadius);
    }

    [Fact]
    public void Two_people_related_in_two_ways_get_two_lines_side_by_side_whose_labels_do_not_cover_each_other()
    {
        var edges = EcomapLayout.For("her", Graph()).Edges.Where(e => e.FromPersonId == "him").ToList();

        Assert.Equal(2, edges.Count);
        Assert.NotEqual((edges[0].X1, edges[0].Y1), (edges[1].X1, edges[1].Y1));
        var apart = Math.Sqrt(Math.Pow(edges[0].LabelX - edges[1].LabelX, 2) + Math.Pow(edges[0].LabelY - edges[1].LabelY, 2));
        Assert.True(apart >= 14, $"the labels are {apart:0.#} apart");
    }

    [Fact]
    public void The_drawn_ecomap_has_a_title_arrows_where_directed_and_a_table_row_for_every_relationship()
    {
        var map = Render<Ecomap>(p => p.Add(c => c.Layout, EcomapLayout.For("her", Graph())));

        Assert.Equal("img", map.Find("svg").GetAttribute("role"));
        Assert.Contains("Joanne Smythe", map.Find("svg title").TextContent);
        var lines = map.FindAll("g.ecomap-edge line");
        Assert.Equal(4, lines.Count);
        Assert.Equal(3, lines.Count(l => l.HasAttribute("marker-end")));
        Assert.Single(map.FindAll("rect"));
        var rows = map.FindAll("table tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("Mark Smythe", StringComparison.Ordinal) && r.TextContent.Contains("alleged perpetrator toward", StringComparison.Ordinal));
        Assert.DoesNotContain("style=", map.Markup, StringComparison.Ordinal); // the content security policy allows no inline style
    }

    private static EngagementSummary Summary(DateOnly today, params (int Back, int Made, int SeenAlone, int Attempted, int Declined)[] counts)
    {
        var summary = new EngagementSummary();
        for (var back = 11; back >= 0; back--)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
            var (_, made, alone, attempted, declined) = counts.FirstOrDefault(c => c.Back == back);
            summary.ContactsPerMonth.Add(new ContactsInMonth
            {
                Year = month.Year, Month = month.Month, Made = made, SeenAlone = alone, Attempted = attempted, Declined = declined,
            });
        }
        return summary;
    }

    [Fact]
    public void Contacts_per_month_are_the_engagement_summarys_twelve_months()
    {
        var today = new DateOnly(2026, 6, 15);

        var months = ContactsPerMonth.From(Summary(today, (0, 3, 2, 0, 0), (1, 0, 0, 1, 1)));

        Assert.Equal(12, months.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), months[0].Month);
        Assert.Equal(new MonthOfContacts(new DateOnly(2026, 6, 1), 3, 2, 0, 0), months[^1]);
        Assert.Equal(new MonthOfContacts(new DateOnly(2026, 5, 1), 0, 0, 1, 1), months[^2]);
        Assert.All(months.Take(10), m => Assert.Equal(0, m.Total));
    }

    [Fact]
    public void The_chart_draws_a_bar_for_each_count_and_gives_the_same_numbers_as_a_table()
    {
        var months = ContactsPerMonth.From(Summary(DateOnly.FromDateTime(DateTime.UtcNow), (0, 1, 1, 0, 0)));

        var chart = Render<ContactsChart>(p => p.Add(c => c.Months, months));

        Assert.Equal(12, chart.FindAll("g.chart-month").Count);
        Assert.Equal(48, chart.FindAll("g.chart-month rect").Count);
        var monthGroups = chart.FindAll("g.chart-month");
        var last = monthGroups[monthGroups.Count - 1].QuerySelectorAll("rect").Select(r => r.GetAttribute("data-value")).ToList();
        Assert.Equal(["1", "1", "0", "0"], last);
        var rows = chart.FindAll("table tbody tr");
        var lastRow = rows[rows.Count - 1].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["1", "1", "0", "0"], lastRow);
        Assert.Equal(12, chart.FindAll("table tbody tr").Count);
    }
}
