using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.Housing.V1;
using Platform.Web.Components.Pages.Housing;
using Platform.Web.Components.Shared;
using Platform.Web.Pictures;

namespace Platform.Web.Tests.Components;

/// <summary>The housing pages' pictures and forms: the schematic's layout and distances, the chart's data, the needs form's round trip.</summary>
public sealed class HousingPictureTests : BunitContext
{
    private static readonly SchematicArea Zone = new("Exclusion zone 1 (2 km)", 51.46, -2.55, 2, Exclusion: true);
    private static readonly SchematicArea Preferred = new("Preferred 1 (3 km)", 51.45, -2.60, 3, Exclusion: false);

    [Fact]
    public void The_schematic_fits_every_circle_and_unit_inside_the_picture_to_one_scale()
    {
        SchematicPlace[] places = [new("1", "Harbour Flat", 51.4495, -2.598, true), new("", "Eastside Flat", 51.462, -2.553, false)];

        var schematic = MatchSchematic.Layout([Zone, Preferred], places);

        Assert.All(schematic.Areas, a =>
        {
            Assert.InRange(a.X - a.R, 0, schematic.Width);
            Assert.InRange(a.X + a.R, 0, schematic.Width);
            Assert.InRange(a.Y - a.R, 0, schematic.Height);
            Assert.InRange(a.Y + a.R, 0, schematic.Height);
        });
        Assert.All(schematic.Units, u => Assert.InRange(u.X, 0, schematic.Width));
        // One scale for every circle: radius in pixels over radius in km is the same.
        Assert.Equal(schematic.Areas[0].R / 2, schematic.Areas[1].R / 3, 6);
        // North is up: the unit further north is drawn higher.
        Assert.True(schematic.Units.Single(u => u.Place.Name == "Eastside Flat").Y < schematic.Units.Single(u => u.Place.Name == "Harbour Flat").Y);
    }

    [Fact]
    public void The_schematic_measures_each_unit_from_the_edges_of_her_circles()
    {
        SchematicPlace[] places = [new("1", "Harbour Flat", 51.4495, -2.598, true), new("", "Eastside Flat", 51.462, -2.553, false)];

        var units = MatchSchematic.Layout([Zone, Preferred], places).Units;

        var harbour = units.Single(u => u.Place.Name == "Harbour Flat");
        var eastside = units.Single(u => u.Place.Name == "Eastside Flat");
        Assert.Equal(0, harbour.PreferredKm);
        Assert.False(harbour.InsideExclusion);
        Assert.InRange(harbour.ExclusionKm!.Value, 1.0, 1.8); // about 3.5 km from the zone's centre, 2 km radius
        Assert.True(eastside.InsideExclusion);
        Assert.Null(MatchSchematic.Layout([], places).Units[0].PreferredKm);
    }

    [Fact]
    public void The_schematic_draws_fits_by_rank_and_tells_the_same_distances_in_a_table()
    {
        var schematic = MatchSchematic.Layout([Zone], [new("1", "Harbour Flat", 51.4495, -2.598, true), new("", "Eastside Flat", 51.462, -2.553, false)]);

        var picture = Render<FitsSchematic>(p => p.Add(c => c.Schematic, schematic));

        Assert.Equal("1", picture.Find("g.schematic-fit text").TextContent);
        Assert.Single(picture.FindAll("g.schematic-excluded"));
        Assert.Equal("6 4", picture.Find("g.schematic-exclusion circle").GetAttribute("stroke-dasharray"));
        var rows = picture.FindAll("#schematic-table tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("inside", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("no circle", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_breakdown_chart_orders_by_rate_from_the_services_counts_and_tables_the_same_numbers()
    {
        SustainmentFigures[] figures =
        [
            new() { SchemeId = "calm", Started = 4, Ended = 2, PlannedMoveOn = 2, Breakdowns = 0, BreakdownRate = 0 },
            new() { SchemeId = "hard", Started = 5, Ended = 4, PlannedMoveOn = 1, Breakdowns = 3, BreakdownRate = 0.75 },
            new() { SchemeId = "new", Started = 1 },
        ];

        var bars = BreakdownRates.Bars(figures, f => f.SchemeId);
        var chart = Render<BreakdownChart>(p => p.Add(c => c.Id, "schemes").Add(c => c.Title, "Breakdown rate per scheme").Add(c => c.Level, "Scheme").Add(c => c.Bars, bars));

        Assert.Equal(["hard", "calm", "new"], bars.Select(b => b.Label));
        Assert.Equal("0.75", chart.Find("g.chart-bar[data-label='hard']").GetAttribute("data-rate"));
        Assert.Equal("0", chart.Find("g.chart-bar[data-label='new'] rect").GetAttribute("width"));
        var row = chart.FindAll("#schemes-table tbody tr")[0];
        Assert.Contains("75%", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("none ended", chart.FindAll("#schemes-table tbody tr")[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_needs_form_reads_exclusion_zones_as_codes_or_circles_and_names_a_bad_line_keeping_what_was_typed()
    {
        var form = NeedsForm.From(new FormCollection(new Dictionary<string, StringValues>
        {
            ["needs"] = new(["trauma-informed", "women-only"]), ["risk"] = "High", ["supportHours"] = "10",
            ["exclusions"] = "e06000025\n51.46, -2.55, 2 km\nnear the pub", ["version"] = "3",
        }));

        var (profile, problems) = form.ToProfile();

        Assert.True(profile.NeedsTraumaInformed);
        Assert.Equal("E06000025", profile.ExclusionZones[0].LocalAuthority);
        Assert.Equal(2, profile.ExclusionZones[1].Circle.RadiusKm);
        Assert.Equal(RiskLevel.High, profile.RiskLevel);
        var problem = Assert.Single(problems);
        Assert.Equal("profile.exclusion_zones[2]", problem.Field);
        Assert.Equal("exclusions", NeedsForm.Fields.InputFor(problem.Field));
        Assert.Equal("e06000025\n51.46, -2.55, 2 km\nnear the pub", form.Exclusions);
        Assert.Equal(3, form.Version);
        Assert.Equal("51.46, -2.55, 2 km", NeedsForm.AreaText(profile.ExclusionZones[1]));
    }

    [Fact]
    public void A_unit_shows_what_it_sets_itself_and_what_it_inherits_from_its_scheme_or_provider()
    {
        var unit = new Unit
        {
            Attributes = new PlacementAttributes { WomenOnly = false },
            EffectiveAttributes = new PlacementAttributes { WomenOnly = false, Type = PlacementType.Refuge, TraumaInformed = true },
        };

        var facts = PlacementFacts.Of(unit, new PlacementAttributes { Type = PlacementType.Refuge });

        Assert.Equal(PlacementFacts.Unit, facts.Single(f => f.Label == "Women only").SetBy);
        Assert.Equal(PlacementFacts.Scheme, facts.Single(f => f.Label == "Type").SetBy);
        Assert.Equal(PlacementFacts.Provider, facts.Single(f => f.Label == "Trauma-informed environment").SetBy);
    }
}
